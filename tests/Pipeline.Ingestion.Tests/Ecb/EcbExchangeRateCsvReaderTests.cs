using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Ecb;

public sealed class EcbExchangeRateCsvReaderTests
{
    private static readonly CurrencyCode Eur = Parse.Eur;
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private static readonly CurrencyCode Jpy = CurrencyCode.Parse("JPY");
    private static readonly CurrencyCode Bgn = CurrencyCode.Parse("BGN");
    private static readonly CurrencyCode Gbp = CurrencyCode.Parse("GBP");
    private static readonly CurrencyCode Try = CurrencyCode.Parse("TRY");

    [Fact]
    public async Task ParseAsync_HistoryExcerpt_OneRatePerFilledCellFromEur()
    {
        var result = await Parse.FixtureAsync("Ecb/Data/ecb-history-excerpt.csv");

        Assert.False(result.IsRefused);
        Assert.Equal("ecb-rates", result.Format);
        Assert.Equal((3, 0), (result.DataRows, result.BadRows));
        Assert.Empty(result.Errors);
        Assert.Equal(["Ignored columns that ecb-rates does not use: CYP, HRK."], result.Warnings);
        ExchangeRate[] expected =
        [
            Rate(2025, 1, 31, Usd, 1.0393m, row: 2), Rate(2025, 1, 31, Jpy, 160.98m, row: 2), Rate(2025, 1, 31, Bgn, 1.9558m, row: 2),
            Rate(2025, 1, 31, Gbp, 0.83665m, row: 2), Rate(2025, 1, 31, Try, 37.2241m, row: 2),
            Rate(2025, 1, 30, Usd, 1.0413m, row: 3), Rate(2025, 1, 30, Jpy, 160.39m, row: 3), Rate(2025, 1, 30, Bgn, 1.9558m, row: 3),
            Rate(2025, 1, 30, Gbp, 0.8352m, row: 3), Rate(2025, 1, 30, Try, 37.3295m, row: 3),
            Rate(2025, 1, 29, Usd, 1.0431m, row: 4), Rate(2025, 1, 29, Bgn, 1.9558m, row: 4),
            Rate(2025, 1, 29, Gbp, 0.83798m, row: 4), Rate(2025, 1, 29, Try, 37.3939m, row: 4),
        ];
        Assert.Equal(expected, result.Rates);
    }

    [Fact]
    public async Task ParseAsync_NonNumericCell_RowErrorNamingCurrencyColumn()
    {
        const string Csv = "Date,USD,JPY,\n2025-01-31,1.0393,n.a.,\n2025-01-30,1.0413,160.39,\n";

        var result = await Parse.TextAsync(Csv, new ExportParseOptions(Parse.Amsterdam, MaxBadRowFraction: 1m));

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "JPY", "n.a."), (error.Row, error.Column, error.Value));
        Assert.Equal("'n.a.' is not a number: expected a rate such as 1.0393 (JPY per 1 EUR), or N/A when there is none.", error.Message);
        Assert.Equal((2, 1), (result.DataRows, result.BadRows));
        Assert.Equal([(new DateOnly(2025, 1, 30), Usd), (new DateOnly(2025, 1, 30), Jpy)],
            result.Rates.Select(rate => (rate.Date, rate.Quote)));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("31-01-2025", "31-01-2025")]
    public async Task ParseAsync_BadDate_RowErrorOnDate(string date, string expectedValue)
    {
        var result = await Parse.TextAsync($"Date,USD,JPY\n{date},1.0393,160.98\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "Date", expectedValue), (error.Row, error.Column, error.Value));
        Assert.Empty(result.Rates);
    }

    [Fact]
    public async Task ParseAsync_AllCellsNotAvailable_RowIsGoodWithoutRates()
    {
        var result = await Parse.TextAsync("Date,USD,JPY\n2025-01-31,N/A,n/a\n2025-01-30,,\n");

        Assert.Equal((2, 0), (result.DataRows, result.BadRows));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Rates);
    }

    [Fact]
    public async Task ParseAsync_SemicolonsAndDecimalCommas_AreRead()
    {
        var result = await Parse.TextAsync("Date;USD;JPY;\n2025-01-31;1,0393;160,98;\n");

        Assert.Equal([1.0393m, 160.98m], result.Rates.Select(rate => rate.Rate));
    }

    private static ExchangeRate Rate(int year, int month, int day, CurrencyCode quote, decimal rate, long row) =>
        new(new DateOnly(year, month, day), Eur, quote, rate) { RowNumber = row };
}
