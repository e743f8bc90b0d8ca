using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>Hardening item 6: a refused file's bytes dropped again under the right name are ingested, not a Duplicate.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RefusedThenRenamedEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CsvNamedXlsxRefused_SameBytesAsCsv_AcceptedAndBothDropsListed()
    {
        await _host.DropAsync("acme/revenue.xlsx", SampleExports.RevenueLines);
        var refused = (await _host.WaitForImportsAsync("acme", rows => rows.Count == 1 && rows[0].GetProperty("status").GetString() != "Processing"))[0];
        Assert.Equal("Rejected", refused.GetProperty("status").GetString());

        await _host.DropAsync("acme/revenue.csv", SampleExports.RevenueLines);
        var imports = await _host.WaitForImportsAsync("acme", rows => rows.Count == 2 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));

        Assert.Equal(
            [("revenue.csv", "Accepted"), ("revenue.xlsx", "Rejected")],
            imports.Select(row => (row.GetProperty("fileName").GetString(), row.GetProperty("status").GetString())).OrderBy(row => row.Item1, StringComparer.Ordinal));
        var accepted = imports.Single(row => row.GetProperty("status").GetString() == "Accepted");
        Assert.Equal(19, accepted.GetProperty("rows").GetInt32());
        var kept = imports.Single(row => row.GetProperty("status").GetString() == "Rejected");
        var detail = await _host.GetJsonAsync($"/api/tenants/acme/imports/{kept.GetProperty("id").GetString()}");
        Assert.Equal(refused.GetProperty("reason").GetString(), detail.GetProperty("reason").GetString());
        var march = await _host.GetJsonAsync("/api/tenants/acme/kpis/2025-03");
        Assert.Equal("230.00", march.GetProperty("mrr").GetRawText());
    }
}
