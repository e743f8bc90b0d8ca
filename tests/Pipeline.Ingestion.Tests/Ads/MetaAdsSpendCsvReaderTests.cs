namespace Pipeline.Ingestion.Tests.Ads;

public sealed class MetaAdsSpendCsvReaderTests
{
    private const string Fixture = "Fixtures/exports/ads/meta-ads.csv";

    [Fact]
    public async Task ParseAsync_DailyCampaignExport_CurrencyFromHeaderSummaryRowSkippedAdSetsAddedUp()
    {
        var result = await Parse.FixtureAsync(Fixture);

        Assert.Equal(("meta-ads", false), (result.Format, result.IsRefused));
        Assert.Empty(result.Errors);
        Assert.Equal(["2025-01-10|Retargeting|250.00|USD", "2025-02-14|Prospecting|250.00|USD", "2025-03-05|Prospecting|500.00|USD"],
            AdSpend.Rows(result));
        Assert.All(result.Spend, spend => Assert.True(spend.Paid && spend.Channel == "meta_ads"));
        Assert.Contains("Skipped 1 summary row(s), so their spend is not counted twice: row 2 ('Amount spent (USD) 1000.00').", result.Warnings);
        Assert.Contains(result.Warnings, warning => warning.StartsWith("Added up 2 row(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_AccountExportWithCurrencyColumn_ColumnWinsAndEmptyDaySummarySkipped()
    {
        var result = await Parse.TextAsync(
            "Account name,Day,Currency,Amount spent (EUR),CTR (all),Reporting starts,Reporting ends\n" +
            ",,,90.00,1.2,2025-01-01,2025-01-31\nAcme,2025-01-03,USD,40.00,1.1,2025-01-03,2025-01-03\nAcme,2025-01-04,,50.00,1.0,2025-01-04,2025-01-04\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["2025-01-03||40.00|USD", "2025-01-04||50.00|EUR"], AdSpend.Rows(result));
    }

    [Fact]
    public async Task ParseAsync_PeriodRowsWithoutDay_CountInTheMonthOnlyWhenOneMonth()
    {
        var result = await Parse.TextAsync(
            "Campaign name,Amount spent (EUR),Reporting starts,Reporting ends\nSpring,300.00,2025-03-01,2025-03-31\n" +
            "Spring,10.00,2025-04-02,2025-04-02\nSpring,500.00,2025-03-15,2025-04-14\n");

        Assert.Equal(["2025-03|Spring|300.00|EUR", "2025-04-02|Spring|10.00|EUR"], AdSpend.Rows(result));
        Assert.Null(result.Spend[0].Date);
        var error = Assert.Single(result.Errors);
        Assert.Equal((4L, "Reporting ends", "2025-04-14"), (error.Row, error.Column, error.Value));
        Assert.StartsWith("the reporting period 2025-03-15 to 2025-04-14 spans more than one month", error.Message, StringComparison.Ordinal);
        Assert.Contains("export the report with a daily breakdown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_NoCurrencyAnywhere_RefusedSayingWhereItCanBe()
    {
        var result = await Parse.TextAsync("Campaign name,Day,Amount spent\nSpring,2025-03-01,5.00\n");

        Assert.True(result.IsRefused);
        Assert.Equal("meta-ads", result.Format);
        Assert.Contains("missing required column Currency (or the currency in the spend column's name, such as Amount spent (EUR))",
            result.FileError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Amount spent (EUR)", "1,5,0", "'1,5,0' is not a number: expected an amount such as 174.59 or 1.234,56.")]
    [InlineData("Day", "03-2025", "'03-2025' is not a date: expected a date such as 2025-01-31, 31-01-2025, 31.01.2025, 31/01/2025, Jan 31, 2025, " +
        "31 Jan 2025, an Excel serial number such as 45688, or an ISO 8601 instant such as 2025-01-31T09:30:00Z.")]
    public async Task ParseAsync_BadValue_RowErrorNamesRowColumnValueAndExpectation(string column, string value, string message)
    {
        var cells = new Dictionary<string, string> { ["Campaign name"] = "Spring", ["Day"] = "2025-03-02", ["Amount spent (EUR)"] = "5.00" };
        cells[column] = value;
        var result = await Parse.TextAsync("Campaign name,Day,Amount spent (EUR)\nSpring,2025-03-01,1.00\n\"" + string.Join("\",\"", cells.Values) + "\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, column, value, message), (error.Row, error.Column, error.Value, error.Message));
    }
}
