using Pipeline.Domain;

namespace Pipeline.Storage.Tests;

public sealed class StoredMoneyListTests
{
    [Fact]
    public void Format_SeveralCurrencies_IsCompactAndParsesBackExactly()
    {
        Money[] amounts = [new(123.45m, Samples.Usd), new(10.50m, Samples.Eur), new(-1m / 3m, Samples.Kwd)];

        var stored = StoredMoneyList.Format(amounts);

        Assert.Equal("USD:123.45;EUR:10.50;KWD:-0.3333333333333333333333333333", stored);
        var parsed = StoredMoneyList.Parse(stored, "NativeMrr");
        Assert.Equal(amounts, parsed);
        Assert.Equal("10.50", parsed[1].Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Format_Empty_IsNullAndNullOrEmptyParseAsEmpty()
    {
        Assert.Null(StoredMoneyList.Format([]));
        Assert.Empty(StoredMoneyList.Parse(null, "NativeMrr"));
        Assert.Empty(StoredMoneyList.Parse("", "NativeMrr"));
    }

    [Theory]
    [InlineData("USD")]
    [InlineData("XXX:1")]
    [InlineData("USD:1;EUR:one")]
    [InlineData("USD:1e3")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheProperty(string stored)
    {
        var failure = Assert.Throws<FormatException>(() => StoredMoneyList.Parse(stored, "NativeMrr"));

        Assert.Contains("NativeMrr", failure.Message, StringComparison.Ordinal);
    }
}
