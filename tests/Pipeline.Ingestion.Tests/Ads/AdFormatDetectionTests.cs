namespace Pipeline.Ingestion.Tests.Ads;

public sealed class AdFormatDetectionTests
{
    [Theory]
    [InlineData("Account name,Customer ID,Day,Currency code,Cost,Clicks,Impr.,CTR", "google-ads")]
    [InlineData("Campaign,Campaign ID,Day,Impr.,Clicks,Conversions,All conv.,Currency code,Cost", "google-ads")]
    [InlineData("Campagne;Dag;Valutacode;Kosten;Vert.;Klikken", "google-ads")]
    [InlineData("Account name,Day,Currency,Amount spent (USD),CTR (all),Reporting starts,Reporting ends", "meta-ads")]
    [InlineData("Campaign name,Ad set name,Amount spent (EUR),Results", "meta-ads")]
    [InlineData("Reporting starts,Reporting ends,Campaign name,Currency,Amount spent", "meta-ads")]
    [InlineData("Start Date (in UTC),Account Name,Campaign Name,Currency,Total Spent,Impressions", "linkedin-ads")]
    [InlineData("date,channel,amount,currency,campaign", "canonical-spend")]
    public async Task ParseAsync_AdPlatformHeader_DetectsFormat(string header, string format)
    {
        var result = await Parse.TextAsync(header + "\n");

        Assert.Equal(format, result.Format);
    }

    [Theory]
    [InlineData("Day,Cost,Clicks,Impr.")]
    [InlineData("Campaign,Currency code,Cost")]
    [InlineData("Start Date (in UTC),Campaign Name,Impressions")]
    public async Task ParseAsync_NearMissAdHeader_IsNotRecognised(string header)
    {
        var result = await Parse.TextAsync(header + "\n2025-01-31,1,2,3\n");

        Assert.Null(result.Format);
        Assert.StartsWith("needs-mapping: ", result.FileError, StringComparison.Ordinal);
    }
}
