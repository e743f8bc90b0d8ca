using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Canonical;

public sealed class CanonicalExchangeRateCsvReaderTests
{
    private static readonly CurrencyCode Eur = Parse.Eur;
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private static readonly CurrencyCode Gbp = CurrencyCode.Parse("GBP");
    private static readonly CurrencyCode Jpy = CurrencyCode.Parse("JPY");

    [Fact]
    public async Task ParseAsync_RatesFile_ReadsEveryRate()
    {
        var result = await Parse.FixtureAsync("Canonical/Data/rates.csv");

        Assert.False(result.IsRefused);
        Assert.Equal("canonical-rates", result.Format);
        Assert.Equal((4, 0), (result.DataRows, result.BadRows));
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Spend);
        ExchangeRate[] expected =
        [
            new(new DateOnly(2025, 1, 31), Eur, Usd, 1.0393m) { RowNumber = 2 },
            new(new DateOnly(2025, 1, 31), Eur, Gbp, 0.83665m) { RowNumber = 3 },
            new(new DateOnly(2025, 1, 31), Usd, Jpy, 154.89m) { RowNumber = 4 },
            new(new DateOnly(2025, 2, 28), Gbp, Eur, 1.2061m) { RowNumber = 5 },
        ];
        Assert.Equal(expected, result.Rates);
    }

    [Fact]
    public async Task ParseAsync_ReportingCurrencySet_RatesStillRead()
    {
        var options = new ExportParseOptions(Parse.Amsterdam, ReportingCurrency: Gbp);

        var result = await Parse.TextAsync("date,base,quote,rate\n2025-01-31,EUR,USD,1.0393\n", options);

        Assert.Empty(result.Errors);
        Assert.Equal(Usd, Assert.Single(result.Rates).Quote);
    }

    [Fact]
    public async Task ParseAsync_SemicolonFile_ReadsDecimalCommas()
    {
        var result = await Parse.TextAsync("date;base;quote;rate\n2025-01-31;EUR;USD;1,0393\n2025-01-31;EUR;JPY;160,98\n");

        Assert.Equal([1.0393m, 160.98m], result.Rates.Select(rate => rate.Rate));
    }

    [Theory]
    [InlineData("date", "31/01/2025")]
    [InlineData("date", "")]
    [InlineData("base", "EURO")]
    [InlineData("base", "")]
    [InlineData("quote", "")]
    [InlineData("quote", "EUR")]
    [InlineData("rate", "0")]
    [InlineData("rate", "-1.2")]
    [InlineData("rate", "1.04 USD")]
    [InlineData("rate", "")]
    public async Task ParseAsync_BadValue_ReportsRowColumnAndValue(string column, string value)
    {
        string[] columns = ["date", "base", "quote", "rate"];
        var cells = new Dictionary<string, string> { ["date"] = "2025-01-31", ["base"] = "EUR", ["quote"] = "USD", ["rate"] = "1.0393" };
        cells[column] = value;
        var csv = "date,base,quote,rate\n2025-01-30,EUR,USD,1.0413\n" + string.Join(',', columns.Select(name => cells[name])) + "\n";

        var result = await Parse.TextAsync(csv);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, column, value), (error.Row, error.Column, error.Value));
        Assert.Equal((2, 1), (result.DataRows, result.BadRows));
        Assert.Equal(new DateOnly(2025, 1, 30), Assert.Single(result.Rates).Date);
    }

    [Fact]
    public async Task ParseAsync_ZeroRate_SaysRateIsPositive()
    {
        var result = await Parse.TextAsync("date,base,quote,rate\n2025-01-31,EUR,USD,0.00\n");

        Assert.Equal("'0.00' is not a rate: a rate is greater than zero.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task ParseAsync_MissingDateColumn_RefusedNamingIt()
    {
        var result = await Parse.TextAsync("base,quote,rate\nEUR,USD,1.0393\n");

        Assert.True(result.IsRefused);
        Assert.Equal("canonical-rates", result.Format);
        Assert.StartsWith("missing required column date for canonical-rates;", result.FileError, StringComparison.Ordinal);
    }
}
