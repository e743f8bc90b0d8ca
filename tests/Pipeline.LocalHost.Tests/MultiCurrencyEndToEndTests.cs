using System.Net;
using System.Text.Json;
using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>Rates, customers, spend and a two-currency ledger dropped into Azurite, closed and read back over HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MultiCurrencyEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        await _host.DropAsync("acme/rates.csv", MultiCurrencyExports.Rates);
        await _host.DropAsync("acme/customers.csv", MultiCurrencyExports.Customers);
        await _host.DropAsync("acme/spend.csv", MultiCurrencyExports.Spend);
        await _host.DropAsync("acme/revenue.csv", MultiCurrencyExports.RevenueLines);
        await WaitForAcceptedAsync(4);
        using var close = await _host.Http.PostAsync(new Uri("/api/tenants/acme/closes/2025-04", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Kpis_FxImpactCacAndNativeMrrServed()
    {
        var rows = (await GetJsonAsync("/api/tenants/acme/kpis?from=2025-01&to=2025-04")).EnumerateArray().ToList();

        Assert.Equal(["180.00", "200.00", "220.00", "0.00"], rows.Select(row => row.GetProperty("mrr").GetRawText()).ToArray());
        Assert.Equal(["0.00", "20.00", "-20.00", "0.00"], rows.Select(row => row.GetProperty("fxImpactMrr").GetRawText()).ToArray());
        Assert.Equal("EUR:100.00;USD:100.00", rows[0].GetProperty("nativeMrr").GetString());
        Assert.Equal(("700.00", "350.00", "700.00"), (rows[0].GetProperty("spend").GetRawText(), rows[0].GetProperty("cac").GetRawText(), rows[0].GetProperty("paidCac").GetRawText()));
        Assert.Equal(EndToEndTests.KpiColumns, rows[0].EnumerateObject().Select(property => property.Name).ToArray());
    }

    [Fact]
    public async Task KpisByPlan_SegmentsAddUpToTheTotal()
    {
        var rows = (await GetJsonAsync("/api/tenants/acme/kpis?by=plan&from=2025-03&to=2025-03")).EnumerateArray().ToList();

        Assert.Equal(["basic", "pro"], rows.Select(row => row.GetProperty("segment").GetString()!).ToArray());
        Assert.All(rows, row => Assert.Equal("plan", row.GetProperty("dimension").GetString()));
        Assert.Equal(220m, rows.Sum(row => row.GetProperty("mrr").GetDecimal()));
        Assert.Equal(("80.00", "120.00"), (rows[0].GetProperty("churnedMrr").GetRawText(), rows[1].GetProperty("newMrr").GetRawText()));

        var csv = await GetTextAsync("/api/tenants/acme/kpis?by=plan&from=2025-03&to=2025-03&format=csv");
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Cohorts_LogoAndRevenueRetention()
    {
        var logo = (await GetJsonAsync("/api/tenants/acme/cohorts?metric=logo")).EnumerateArray().Single();
        var revenue = (await GetJsonAsync("/api/tenants/acme/cohorts?metric=revenue")).EnumerateArray().Single();

        Assert.Equal(("2025-01", 2, "180.00"), (logo.GetProperty("cohort").GetString(), logo.GetProperty("size").GetInt32(), logo.GetProperty("startMrr").GetRawText()));
        Assert.Equal(["1.000000", "1.000000", "1.000000", "0.000000"], logo.GetProperty("retention").EnumerateArray().Take(4).Select(cell => cell.GetRawText()).ToArray());
        Assert.Equal(["1.000000", "1.111111", "1.222222", "0.000000"], revenue.GetProperty("retention").EnumerateArray().Take(4).Select(cell => cell.GetRawText()).ToArray());
        var csv = (await GetTextAsync("/api/tenants/acme/cohorts?metric=revenue&format=csv")).Split("\r\n");
        Assert.StartsWith("cohort,metric,size,startMrr,m0,m1,m2,m3", csv[0], StringComparison.Ordinal);
        Assert.StartsWith("2025-01,revenue,2,180.00,1.000000,1.111111,1.222222,0.000000", csv[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Movements_DrillDownReproducesTheMonth()
    {
        var march = (await GetJsonAsync("/api/tenants/acme/movements/2025-03")).EnumerateArray().ToList();
        var churn = (await GetJsonAsync("/api/tenants/acme/movements/2025-04?type=churn")).EnumerateArray().ToList();

        var expansion = Assert.Single(march);
        Assert.Equal(("U", "Umbrella Inc.", "expansion", "100.00", "-20.00", "120.00", "40.00"), (
            expansion.GetProperty("customerId").GetString(), expansion.GetProperty("name").GetString(), expansion.GetProperty("movement").GetString(),
            expansion.GetProperty("startMrr").GetRawText(), expansion.GetProperty("fxImpact").GetRawText(),
            expansion.GetProperty("endMrr").GetRawText(), expansion.GetProperty("amount").GetRawText()));
        Assert.Equal(220m, churn.Sum(row => row.GetProperty("amount").GetDecimal()));
        Assert.Equal(["A", "U"], churn.Select(row => row.GetProperty("customerId").GetString()!).ToArray());
    }

    private async Task WaitForAcceptedAsync(int expected)
    {
        var imports = await _host.WaitForImportsAsync("acme", rows => rows.Count == expected && rows.All(row => row.GetProperty("status").GetString() != "Processing"));
        Assert.All(imports, import => Assert.Equal("Accepted", import.GetProperty("status").GetString()));
    }

    private Task<JsonElement> GetJsonAsync(string path) => _host.GetJsonAsync(path);

    private Task<string> GetTextAsync(string path) => _host.GetTextAsync(path);
}
