using System.Net;
using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>
/// Google Ads (UTF-16LE, tab), Meta Ads (USD) and LinkedIn Ads exports dropped as downloaded, with EUR rates and a
/// revenue-lines file whose customers carry their acquisition channel; closed through March and read back over HTTP.
/// </summary>
/// <remarks>Expected spend and CAC are worked out in <c>tests/Fixtures/exports/ads/README.md</c>.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed class AdSpendEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    /// <summary>Every customer pays 100 EUR a month from the month it is new through March.</summary>
    private const string RevenueLines =
        """
        line_id,customer_id,subscription_id,amount,currency,interval,service_start,service_end,channel
        g1-1,G1,s-g1,100.00,EUR,month,2025-01-01,2025-02-01,google_ads
        g1-2,G1,s-g1,100.00,EUR,month,2025-02-01,2025-03-01,google_ads
        g1-3,G1,s-g1,100.00,EUR,month,2025-03-01,2025-04-01,google_ads
        g2-1,G2,s-g2,100.00,EUR,month,2025-01-01,2025-02-01,google_ads
        g2-2,G2,s-g2,100.00,EUR,month,2025-02-01,2025-03-01,google_ads
        g2-3,G2,s-g2,100.00,EUR,month,2025-03-01,2025-04-01,google_ads
        m1-1,M1,s-m1,100.00,EUR,month,2025-01-01,2025-02-01,meta_ads
        m1-2,M1,s-m1,100.00,EUR,month,2025-02-01,2025-03-01,meta_ads
        m1-3,M1,s-m1,100.00,EUR,month,2025-03-01,2025-04-01,meta_ads
        o1-1,O1,s-o1,100.00,EUR,month,2025-01-01,2025-02-01,organic
        o1-2,O1,s-o1,100.00,EUR,month,2025-02-01,2025-03-01,organic
        o1-3,O1,s-o1,100.00,EUR,month,2025-03-01,2025-04-01,organic
        l1-2,L1,s-l1,100.00,EUR,month,2025-02-01,2025-03-01,linkedin_ads
        l1-3,L1,s-l1,100.00,EUR,month,2025-03-01,2025-04-01,linkedin_ads
        m2-2,M2,s-m2,100.00,EUR,month,2025-02-01,2025-03-01,meta_ads
        m2-3,M2,s-m2,100.00,EUR,month,2025-03-01,2025-04-01,meta_ads
        g3-3,G3,s-g3,100.00,EUR,month,2025-03-01,2025-04-01,google_ads
        l2-3,L2,s-l2,100.00,EUR,month,2025-03-01,2025-04-01,linkedin_ads
        l3-3,L3,s-l3,100.00,EUR,month,2025-03-01,2025-04-01,linkedin_ads
        r1-3,R1,s-r1,100.00,EUR,month,2025-03-01,2025-04-01,referral

        """;

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        await _host.DropFixtureAsync("ads/rates.csv", "ads", "rates.csv");
        await _host.DropAsync("ads/revenue.csv", RevenueLines);
        await _host.DropFixtureAsync("ads/google-ads.csv", "ads", "google-ads.csv");
        await _host.DropFixtureAsync("ads/meta-ads.csv", "ads", "meta-ads.csv");
        await _host.DropFixtureAsync("ads/linkedin-ads.csv", "ads", "linkedin-ads.csv");
        Assert.Equal(["canonical-rates", "canonical-revenue-lines", "google-ads", "linkedin-ads", "meta-ads"],
            await VendorExports.WaitForAcceptedAsync(_host, "ads", 5));
        using var close = await _host.Http.PostAsync(new Uri("/api/tenants/ads/closes/2025-03", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Kpis_SpendBlendedAndPaidCacPerMonth()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/ads/kpis?from=2025-01&to=2025-03")).EnumerateArray().ToList();

        Assert.Equal(["closed", "closed", "closed"], Strings(rows, "status"));
        Assert.Equal(["800.00", "2150.00", "1100.00"], Raw(rows, "spend"));
        Assert.Equal(["800.00", "2150.00", "1100.00"], Raw(rows, "paidSpend"));
        Assert.Equal(["4", "2", "4"], Raw(rows, "newCustomers"));
        Assert.Equal(["3", "2", "3"], Raw(rows, "paidNewCustomers"));
        Assert.Equal(["200.00", "1075.00", "275.00"], Raw(rows, "cac"));
        Assert.Equal(["266.67", "1075.00", "366.67"], Raw(rows, "paidCac"));
    }

    [Fact]
    public async Task KpisByChannel_CacOfEachChannel()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/ads/kpis?by=channel&from=2025-01&to=2025-03")).EnumerateArray().ToList();

        var cac = rows.ToDictionary(
            row => string.Concat(row.GetProperty("month").GetString(), " ", row.GetProperty("segment").GetString()),
            row => row.GetProperty("cac").GetRawText(), StringComparer.Ordinal);
        Assert.Equal(("150.00", "200.00", "0.00"), (cac["2025-01 google_ads"], cac["2025-01 meta_ads"], cac["2025-01 organic"]));
        Assert.Equal(("null", "250.00", "600.00"), (cac["2025-02 google_ads"], cac["2025-02 meta_ads"], cac["2025-02 linkedin_ads"]));
        Assert.Equal(("400.00", "null", "150.00", "0.00"),
            (cac["2025-03 google_ads"], cac["2025-03 meta_ads"], cac["2025-03 linkedin_ads"], cac["2025-03 referral"]));
        var spend = rows.Where(row => row.GetProperty("month").GetString() == "2025-02")
            .ToDictionary(row => row.GetProperty("segment").GetString()!, row => row.GetProperty("spend").GetRawText(), StringComparer.Ordinal);
        Assert.Equal(("1300.00", "250.00", "600.00"), (spend["google_ads"], spend["meta_ads"], spend["linkedin_ads"]));
    }

    private static string[] Raw(List<JsonElement> rows, string property) =>
        rows.Select(row => row.GetProperty(property).GetRawText()).ToArray();

    private static string[] Strings(List<JsonElement> rows, string property) =>
        rows.Select(row => row.GetProperty(property).GetString()!).ToArray();
}
