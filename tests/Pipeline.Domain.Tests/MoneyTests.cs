using System.Globalization;

namespace Pipeline.Domain.Tests;

public sealed class MoneyTests
{
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    [Fact]
    public void Add_SameCurrency_SumsAmounts()
    {
        Assert.Equal(new Money(12.75m, Eur), new Money(10m, Eur) + new Money(2.75m, Eur));
        Assert.Equal(new Money(7.25m, Eur), new Money(10m, Eur) - new Money(2.75m, Eur));
    }

    [Fact]
    public void Add_DifferentCurrencies_ThrowsNamingBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Money(10m, Eur) + new Money(1m, Usd));

        Assert.Contains("EUR", error.Message, StringComparison.Ordinal);
        Assert.Contains("USD", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new Money(10m, Eur) - new Money(1m, Usd));
    }

    [Theory]
    [InlineData("JPY", 4900, "4900")]
    [InlineData("EUR", 4900, "49")]
    [InlineData("KWD", 4900, "4.9")]
    public void FromMinorUnits_CurrencyExponent_MajorUnits(string code, long minorUnits, string expected)
    {
        var money = Money.FromMinorUnits(minorUnits, CurrencyCode.Parse(code));

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), money.Amount);
    }

    [Fact]
    public void ToString_RoundedWithCurrency()
    {
        Assert.Equal("108.33 EUR", new Money(25m * 52m / 12m, Eur).ToString());
    }
}
