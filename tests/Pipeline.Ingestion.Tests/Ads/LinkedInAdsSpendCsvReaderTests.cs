namespace Pipeline.Ingestion.Tests.Ads;

public sealed class LinkedInAdsSpendCsvReaderTests
{
    private const string Fixture = "Fixtures/exports/ads/linkedin-ads.csv";

    [Fact]
    public async Task ParseAsync_ExportWithMetadataRows_UsDatesCreativesAddedUp()
    {
        var result = await Parse.FixtureAsync(Fixture);

        Assert.Equal(("linkedin-ads", false), (result.Format, result.IsRefused));
        Assert.Empty(result.Errors);
        Assert.Equal(["2025-01-15|CFO Webinar|300.00|EUR", "2025-02-03|CFO Webinar|600.00|EUR", "2025-03-12|Retargeting EU|300.00|EUR"],
            AdSpend.Rows(result));
        Assert.All(result.Spend, spend => Assert.True(spend.Paid && spend.Channel == "linkedin_ads"));
        Assert.Equal(8L, result.Spend[0].RowNumber);
        Assert.Contains("Skipped 6 line(s) before the header row.", result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_NoCurrencyColumn_RefusedAskingToAddIt()
    {
        var result = await Parse.TextAsync("Start Date (in UTC),Campaign Name,Total Spent\n1/15/2025,Webinar,10.00\n");

        Assert.True(result.IsRefused);
        Assert.Equal("linkedin-ads", result.Format);
        Assert.Contains("missing required column Currency (LinkedIn's export may leave it out: add a column Currency", result.FileError, StringComparison.Ordinal);
        Assert.Empty(result.Spend);
    }

    [Fact]
    public async Task ParseAsync_DatesOfBothOrders_ReadByLocaleWithWarningAndTheOddOneIsARowError()
    {
        var result = await Parse.TextAsync(
            "Start Date (in UTC),Campaign Name,Currency,Total Spent\n15/01/2025,W,EUR,1.00\n02/03/2025,W,EUR,2.00\n01/15/2025,W,EUR,3.00\n");

        // The order is decided per file: a comma-delimited file with '/' dates is read month first, as US spreadsheets write it.
        Assert.Equal(["2025-02-03|W|2.00|EUR", "2025-01-15|W|3.00|EUR"], AdSpend.Rows(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "Start Date (in UTC)", "15/01/2025"), (error.Row, error.Column, error.Value));
        Assert.Equal("'15/01/2025' does not fit the day order of this file: its dates are read month first (MM/dd/yyyy), and 15 is not " +
            "a month. Write every date in the file in the same order.", error.Message);
        Assert.Contains(result.Warnings, warning => warning.StartsWith(
            "The file has dates with the day first (15/01/2025) and dates with the month first (01/15/2025)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_DayFirstValueAfterAmbiguousOnes_SettlesTheWholeFile()
    {
        var result = await Parse.TextAsync(
            "Start Date (in UTC),Campaign Name,Currency,Total Spent\n02/03/2025,W,EUR,2.00\n15/01/2025,W,EUR,1.00\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["2025-03-02|W|2.00|EUR", "2025-01-15|W|1.00|EUR"], AdSpend.Rows(result));
        Assert.DoesNotContain(result.Warnings, warning => warning.Contains("order", StringComparison.Ordinal));
    }
}
