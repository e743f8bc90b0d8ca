using System.Globalization;
using System.Net;
using System.Text;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>Hardening item 7 through the host: a report keeps the first errors in full, counts the rest, and the API pages it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ImportErrorPagesEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(
        azurite.ConnectionString, new Dictionary<string, string?> { ["Pipeline:MaxReportedRowErrors"] = "3" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TwentyBadRows_DetailAndPagesShowThreeListedAndSeventeenCounted()
    {
        var text = new StringBuilder("customer_id,amount,currency,service_start,service_end\n");
        for (var row = 0; row < 20; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"C{row},bad{row},EUR,2025-01-01,2025-02-01\n");
        }

        await _host.DropAsync("acme/bad.csv", text.ToString());
        var import = (await _host.WaitForImportsAsync("acme", rows => rows.Count == 1 && rows[0].GetProperty("status").GetString() != "Processing"))[0];
        var id = import.GetProperty("id").GetString();

        var detail = await _host.GetJsonAsync($"/api/tenants/acme/imports/{id}");
        var page = await _host.GetJsonAsync($"/api/tenants/acme/imports/{id}/errors?offset=2&limit=5");
        using var tooLarge = await _host.Http.GetAsync(new Uri($"/api/tenants/acme/imports/{id}/errors?limit=5000", UriKind.Relative));
        using var negative = await _host.Http.GetAsync(new Uri($"/api/tenants/acme/imports/{id}/errors?offset=-1", UriKind.Relative));
        using var unknown = await _host.Http.GetAsync(new Uri("/api/tenants/acme/imports/nope/errors", UriKind.Relative));

        Assert.Equal(("Rejected", 20), (import.GetProperty("status").GetString(), import.GetProperty("rowErrors").GetInt32()));
        Assert.Equal((20, 3, 3), (detail.GetProperty("totalErrors").GetInt32(), detail.GetProperty("listedErrors").GetInt32(), detail.GetProperty("errors").GetArrayLength()));
        var first = detail.GetProperty("errors")[0];
        Assert.Equal((2, "bad0"), (first.GetProperty("row").GetInt32(), first.GetProperty("value").GetString()));
        Assert.StartsWith("'bad0'", first.GetProperty("message").GetString(), StringComparison.Ordinal);
        var counted = Assert.Single(detail.GetProperty("errorCounts").EnumerateArray().ToList());
        Assert.Equal(("amount", 17, 5, "bad3"), (counted.GetProperty("column").GetString(), counted.GetProperty("count").GetInt32(), counted.GetProperty("firstRow").GetInt32(), counted.GetProperty("example").GetString()));
        Assert.Equal((20, 3, 2, 5), (page.GetProperty("totalErrors").GetInt32(), page.GetProperty("listedErrors").GetInt32(), page.GetProperty("offset").GetInt32(), page.GetProperty("limit").GetInt32()));
        var only = Assert.Single(page.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal((4, "bad2"), (only.GetProperty("row").GetInt32(), only.GetProperty("value").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (tooLarge.StatusCode, negative.StatusCode, unknown.StatusCode));
    }
}
