using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Canonical;

public sealed partial class CanonicalSpendCsvReaderTests
{
    private static readonly CurrencyCode Eur = Parse.Eur;
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private static readonly CurrencyCode Gbp = CurrencyCode.Parse("GBP");
    private static readonly BillingMonth January = new(2025, 1);
    private static readonly BillingMonth February = new(2025, 2);

    [Fact]
    public async Task ParseAsync_SpendByMonth_ReadsEveryFieldWithPaidDefaults()
    {
        var result = await Parse.FixtureAsync("Canonical/Data/spend-by-month.csv");

        Assert.False(result.IsRefused);
        Assert.Equal("canonical-spend", result.Format);
        Assert.Equal((5, 0), (result.DataRows, result.BadRows));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Lines);
        Assert.Empty(result.Customers);
        Assert.Empty(result.Rates);
        SpendRecord[] expected =
        [
            new() { Date = null, Month = January, Channel = "google_ads", Campaign = "brand", Amount = 1500.00m, Currency = Eur, Paid = true, RowNumber = 2 },
            new() { Date = null, Month = January, Channel = "organic", Campaign = null, Amount = 0m, Currency = Eur, Paid = false, RowNumber = 3 },
            new() { Date = null, Month = January, Channel = "meta_ads", Campaign = "spring", Amount = 820.50m, Currency = Usd, Paid = false, RowNumber = 4 },
            new() { Date = null, Month = February, Channel = "referral", Campaign = "partners", Amount = 120m, Currency = Gbp, Paid = true, RowNumber = 5 },
            new() { Date = null, Month = February, Channel = "linkedin_ads", Campaign = null, Amount = 1250.75m, Currency = Eur, Paid = true, RowNumber = 6 },
        ];
        Assert.Equal(expected, result.Spend);
    }

    [Fact]
    public async Task ParseAsync_SpendByDate_DerivesMonthAndKeepsDay()
    {
        var result = await Parse.FixtureAsync("Canonical/Data/spend-by-date.csv");

        Assert.Equal("canonical-spend", result.Format);
        Assert.Equal((3, 0), (result.DataRows, result.BadRows));
        SpendRecord[] expected =
        [
            new() { Date = new(2025, 1, 31), Month = January, Channel = "google_ads", Campaign = "brand", Amount = 49.90m, Currency = Eur, Paid = true, RowNumber = 2 },
            new() { Date = new(2025, 2, 1), Month = February, Channel = "organic", Campaign = null, Amount = 10.00m, Currency = Eur, Paid = false, RowNumber = 3 },
            new()
            {
                Date = new(2025, 3, 15), Month = new(2025, 3), Channel = "microsoft_ads", Campaign = "retargeting", Amount = 5m,
                Currency = CurrencyCode.Parse("SEK"), Paid = true, RowNumber = 4,
            },
        ];
        Assert.Equal(expected, result.Spend);
        Assert.Equal("2025-01-31|google_ads|brand", result.Spend[0].Key);
    }

    [Fact]
    public async Task ParseAsync_SemicolonFile_ReadsDecimalCommas()
    {
        var result = await Parse.FixtureAsync("Canonical/Data/spend-semicolon.csv");

        Assert.Empty(result.Errors);
        Assert.Equal([1234.56m, 99.90m, 1000m], result.Spend.Select(spend => spend.Amount));
        Assert.Equal("spring; retargeting", result.Spend[1].Campaign);
    }

    [Fact]
    public async Task ParseAsync_RepeatedKeys_LastRowWinsWithOneWarning()
    {
        const string Csv = "month,channel,campaign,amount,currency\n" +
            "2025-01,google_ads,brand,100,EUR\n" +
            "2025-01,google_ads,generic,50,EUR\n" +
            "2025-01,Google_Ads,brand,120,EUR\n" +
            "2025-01,google_ads,,10,EUR\n" +
            "2025-01,google_ads,,15,EUR\n" +
            "2025-02,google_ads,brand,100,EUR\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Equal((6, 0), (result.DataRows, result.BadRows));
        Assert.Equal(
            [("brand", 120m, 4L), ("generic", 50m, 3L), ((string?)null, 15m, 6L), ("brand", 100m, 7L)],
            result.Spend.Select(spend => (spend.Campaign, spend.Amount, spend.RowNumber)));
        Assert.Equal(["2 spend row(s) repeat the day or month, channel and campaign of an earlier row; the last row of each wins."],
            result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_SameMonthByDayAndByMonth_AreDifferentKeys()
    {
        const string Csv = "month,date,channel,amount,currency\n2025-01,,organic,1,EUR\n,2025-01-15,organic,2,EUR\n2025-01,2025-01-20,organic,3,EUR\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Empty(result.Warnings);
        Assert.Equal([(null, 1m), (new DateOnly(2025, 1, 15), 2m), (new DateOnly(2025, 1, 20), 3m)],
            result.Spend.Select(spend => (spend.Date, spend.Amount)));
        Assert.All(result.Spend, spend => Assert.Equal(January, spend.Month));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("Yes", true)]
    [InlineData("1", true)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    [InlineData("", true)]
    public async Task ParseAsync_PaidFlag_OverridesChannelDefault(string paid, bool expected)
    {
        var result = await Parse.TextAsync($"month,channel,amount,currency,paid\n2025-01,google_ads,1,EUR,{paid}\n");

        Assert.Equal(expected, Assert.Single(result.Spend).Paid);
    }

    [Fact]
    public async Task ParseAsync_ForeignCurrencyWithReportingCurrency_IsAccepted()
    {
        var options = new ExportParseOptions(Parse.Amsterdam, ReportingCurrency: Eur);

        var result = await Parse.TextAsync("month,channel,amount,currency\n2025-01,google_ads,10,USD\n", options);

        Assert.Empty(result.Errors);
        Assert.Equal(Usd, Assert.Single(result.Spend).Currency);
    }

    [Fact]
    public async Task ParseAsync_NoCurrencyColumn_RefusedNamingIt()
    {
        var result = await Parse.TextAsync("month,channel,amount\n2025-01,google_ads,10\n");

        Assert.True(result.IsRefused);
        Assert.Equal("canonical-spend", result.Format);
        Assert.StartsWith("missing required column currency for canonical-spend;", result.FileError, StringComparison.Ordinal);
    }
}
