namespace Pipeline.Ingestion.Tests.Reading;

public sealed class MoneyTextTests
{
    [Theory]
    [InlineData("€ 59,29", "59.29", "€")]
    [InlineData("$174.59", "174.59", "$")]
    [InlineData("EUR 49,00", "49.00", "EUR")]
    [InlineData("49,00 €", "49.00", "€")]
    [InlineData("-€ 19,00", "-19.00", "€")]
    [InlineData("€ -19,00", "-19.00", "€")]
    [InlineData("(19.00)", "-19.00", null)]
    [InlineData("19,00-", "-19.00", null)]
    [InlineData("€ 1.234,56", "1234.56", "€")]
    [InlineData("US$1,234.56", "1234.56", "US$")]
    public async Task Read_MoneyText_AmountAndMark(string cell, string amount, string? mark)
    {
        var (result, rows) = await Probe.ParseAsync($"id;amount\nr1;{cell}\n");

        Assert.Empty(result.Errors);
        var row = Assert.Single(rows);
        Assert.Equal((decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), mark), (row.Amount!.Value, row.CurrencyMark));
    }

    [Theory]
    [InlineData("--")]
    [InlineData("No data")]
    [InlineData("n/a")]
    public async Task Read_EmptyMarker_IsNoValueNotAnError(string cell)
    {
        var (result, rows) = await Probe.ParseAsync($"id;amount\nr1;{cell}\n");

        Assert.Empty(result.Errors);
        Assert.Null(Assert.Single(rows).Amount);
    }

    [Theory]
    [InlineData("€€ 5")]
    [InlineData("5 EURO")]
    [InlineData("five")]
    public async Task Read_NotMoney_IsRowError(string cell)
    {
        var (result, rows) = await Probe.ParseAsync($"id;amount\nr1;{cell}\n");

        Assert.Empty(rows);
        Assert.Equal((2L, "amount", cell), (Assert.Single(result.Errors).Row, result.Errors[0].Column, result.Errors[0].Value));
    }
}
