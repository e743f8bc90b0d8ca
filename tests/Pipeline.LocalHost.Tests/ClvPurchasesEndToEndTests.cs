using System.Globalization;
using System.Net;
using System.Text.Json;
using Pipeline.Application.Tests.Clv;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>
/// <c>GET …/clv/purchases</c> through the local host on Azurite (issue 12, item 4): the raw CDNOW transaction log dropped
/// as a canonical revenue-lines file of one-time lines (<see cref="CdnowLedger"/>), reporting currency USD, reproduces
/// the published BG/NBD and Gamma-Gamma estimates with calibration end 1997-09-30 and weeks.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClvPurchasesEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Pipeline:ReportingCurrency"] = "USD" });
        await _host.DropAsync("cdnow/transactions.csv", CdnowLedger.RevenueLines());
        var imports = await _host.WaitForImportsAsync("cdnow", rows => rows.Count == 1 && rows[0].GetProperty("status").GetString() != "Processing", seconds: 120);
        Assert.Equal(("Accepted", 6919, 0), (imports[0].GetProperty("status").GetString(), imports[0].GetProperty("rows").GetInt32(), imports[0].GetProperty("rowErrors").GetInt32()));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Purchases_Json_ThePublishedEstimates()
    {
        var row = Assert.Single((await _host.GetJsonAsync("/api/tenants/cdnow/clv/purchases?calibrationEnd=1997-09-30&unit=week")).EnumerateArray());

        Assert.Equal(
            ["calibrationEnd", "unit", "dimension", "segment", "currency", "customers", "repeatBuyers", "r", "alpha", "a", "b", "logLikelihood",
                "p", "q", "gamma", "spendLogLikelihood", "note", "spendNote"],
            row.EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal(("1997-09-30", "week", "all", "all", "USD", 2357, 946),
            (row.GetProperty("calibrationEnd").GetString(), row.GetProperty("unit").GetString(), row.GetProperty("dimension").GetString(),
                row.GetProperty("segment").GetString(), row.GetProperty("currency").GetString(), row.GetProperty("customers").GetInt32(),
                row.GetProperty("repeatBuyers").GetInt32()));
        // Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4; p 6.25, q 3.74, γ 15.44.
        Assert.Equal(0.243, row.GetProperty("r").GetDouble(), 0.0005);
        Assert.Equal(4.414, row.GetProperty("alpha").GetDouble(), 0.0005);
        Assert.Equal(0.793, row.GetProperty("a").GetDouble(), 0.0005);
        Assert.Equal(2.426, row.GetProperty("b").GetDouble(), 0.0005);
        Assert.Equal(-9582.4, row.GetProperty("logLikelihood").GetDouble(), 0.05);
        Assert.Equal(6.25, row.GetProperty("p").GetDouble(), 0.005);
        Assert.Equal(3.74, row.GetProperty("q").GetDouble(), 0.005);
        Assert.Equal(15.44, row.GetProperty("gamma").GetDouble(), 0.005);
        Assert.Equal((JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.Null),
            (row.GetProperty("spendLogLikelihood").ValueKind, row.GetProperty("note").ValueKind, row.GetProperty("spendNote").ValueKind));
    }

    [Fact]
    public async Task Purchases_ByCohort_Csv_OneRowPerMonthOfFirstPurchase()
    {
        var csv = (await _host.GetTextAsync("/api/tenants/cdnow/clv/purchases?calibrationEnd=1997-09-30&by=cohort&format=csv")).Split("\r\n");

        Assert.Equal("calibrationEnd,unit,dimension,segment,currency,customers,repeatBuyers,r,alpha,a,b,logLikelihood,p,q,gamma,spendLogLikelihood,note,spendNote", csv[0]);
        Assert.Equal(["1997-01", "1997-02", "1997-03"], csv[1..4].Select(line => line.Split(',')[3]).ToArray());
        Assert.Equal(2357, csv[1..4].Sum(line => int.Parse(line.Split(',')[5], CultureInfo.InvariantCulture)));
        Assert.All(csv[1..4], line => Assert.StartsWith("1997-09-30,week,cohort,", line, StringComparison.Ordinal));
        Assert.Equal(5, csv.Length); // header, three cohorts, and the empty string after the last line break
    }

    [Fact]
    public async Task CustomerCard_ABuyer_ProbabilityAliveAndExpectedPurchases()
    {
        var card = await _host.GetJsonAsync("/api/tenants/cdnow/customers/c1?asOf=1997-09");

        // Customer 1: x = 2, t_x = 213 days, T = 272 days; with the published fit P(alive) = 0.72659 and 1.56321 purchases
        // expected in the next 12 months; Gamma-Gamma expects 24.66 per purchase from m̄ = 22.345 (see CustomerValueQueryServiceTests).
        Assert.Equal(("c1", 2, "22.35", "74.02", JsonValueKind.Null),
            (card.GetProperty("customerId").GetString(), card.GetProperty("repeatPurchases").GetInt32(), card.GetProperty("meanRepeatValue").GetRawText(),
                card.GetProperty("revenueToDate").GetRawText(), card.GetProperty("cohort").ValueKind));
        Assert.Equal(0.72659, card.GetProperty("probabilityAlive").GetDouble(), 0.0005);
        Assert.Equal(1.56321, card.GetProperty("expectedPurchases").GetDouble(), 0.002);
        Assert.Equal(24.66, card.GetProperty("expectedPurchaseValue").GetDouble(), 0.011);
    }

    [Theory]
    [InlineData("/api/tenants/cdnow/clv/purchases?calibrationEnd=1997-9-30", HttpStatusCode.BadRequest, "calibrationEnd '1997-9-30' is not a date")]
    [InlineData("/api/tenants/cdnow/clv/purchases?unit=quarter", HttpStatusCode.BadRequest, "unit 'quarter' is not a time unit")]
    [InlineData("/api/tenants/cdnow/clv/purchases?calibrationEnd=2999-01-01", HttpStatusCode.BadRequest, "calibrationEnd 2999-01-01 has not ended")]
    [InlineData("/api/tenants/nobody/clv/purchases?calibrationEnd=1997-09-30", HttpStatusCode.NotFound, "Tenant 'nobody' is unknown")]
    public async Task Purchases_BadRequestOrUnknownTenant_ProblemDetails(string path, HttpStatusCode status, string detail)
    {
        using var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, LocalHostInstance.Parse(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
