using System.Globalization;

namespace Pipeline.Domain.Tests;

public sealed class CurrencyCodeTests
{
    [Theory]
    [InlineData("JPY", "12.5", "13")]
    [InlineData("KWD", "1.23456", "1.235")]
    [InlineData("KWD", "4.9", "4.900")]
    [InlineData("EUR", "12.5", "12.50")]
    [InlineData("EUR", "-0.125", "-0.13")]
    public void Round_ToMinorUnitAwayFromZero_KeepsTrailingZeros(string code, string amount, string expected)
    {
        var rounded = CurrencyCode.Parse(code).Round(decimal.Parse(amount, CultureInfo.InvariantCulture));

        Assert.Equal(expected, rounded.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("jpy", 0)]
    [InlineData(" eur ", 2)]
    [InlineData("KWD", 3)]
    public void Parse_AnyCase_UpperCaseCodeWithMinorUnits(string value, int minorUnits)
    {
        var code = CurrencyCode.Parse(value);

        Assert.Equal(value.Trim().ToUpperInvariant(), code.Code);
        Assert.Equal(minorUnits, code.MinorUnits);
    }

    [Theory]
    [InlineData("EURO")]
    [InlineData("US$")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownCode_False(string? value)
    {
        Assert.False(CurrencyCode.TryParse(value, out _));
    }
}
