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
    public async Task ParseAsync_DayFirstValue_SettlesTheColumnAndAContradictionIsARowError()
    {
        var result = await Parse.TextAsync(
            "Start Date (in UTC),Campaign Name,Currency,Total Spent\n15/01/2025,W,EUR,1.00\n02/03/2025,W,EUR,2.00\n01/15/2025,W,EUR,3.00\n");

        Assert.Equal(["2025-01-15|W|1.00|EUR", "2025-03-02|W|2.00|EUR"], AdSpend.Rows(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal((4L, "Start Date (in UTC)", "01/15/2025"), (error.Row, error.Column, error.Value));
        Assert.Equal("'01/15/2025' is written month first (MM/DD/YYYY), but other dates in this column are day first (DD/MM/YYYY); use one date order for the whole column.", error.Message);
    }

    [Fact]
    public async Task ParseAsync_AmbiguousDatesBeforeTheSettlingOne_Warned()
    {
        var result = await Parse.TextAsync(
            "Start Date (in UTC),Campaign Name,Currency,Total Spent\n02/03/2025,W,EUR,2.00\n15/01/2025,W,EUR,1.00\n");

        Assert.Equal(["2025-02-03|W|2.00|EUR", "2025-01-15|W|1.00|EUR"], AdSpend.Rows(result));
        Assert.Contains(result.Warnings, warning => warning.StartsWith(
            "Dates in Start Date (in UTC) before row 3 that could be read either way were read month first", StringComparison.Ordinal));
    }
}
