using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Application.Tests.Clv;
using Pipeline.Storage;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>
/// Issue 12's last two items through the local host on Azurite, on the ledger of <see cref="ClvSampleLedger"/> with m7
/// referring m8 and m9: <c>kpis?by=valueSegment</c>, and the CLV fits stored with each close version.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ValueFiguresEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string LateFile =
        "line_id,customer_id,subscription_id,plan,amount,currency,interval,interval_count,service_start,service_end\n"
        + "n1-5,n1,sub_n1,pro,100.00,EUR,month,1,2025-05-01,2025-06-01\nn1-6,n1,sub_n1,pro,100.00,EUR,month,1,2025-06-01,2025-07-01\n";

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["Pipeline:GrossMargin"] = "0.8", ["Pipeline:ClvDiscountRate"] = "0.12" });
        await _host.DropAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());
        await _host.WaitForImportsAsync("acme", rows => rows.Count == 1 && rows[0].GetProperty("status").GetString() != "Processing");
        await _host.DropAsync("acme/customers.csv", "customer_id,name,referred_by\nm8,Eight,m7\nm9,Nine,m7\n");
        var imports = await _host.WaitForImportsAsync("acme", rows => rows.Count == 2 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));
        Assert.All(imports, row => Assert.Equal("Accepted", row.GetProperty("status").GetString()));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Kpis_ByValueSegment_AddUpToTheHeadline_ClosedMonthStaysAsClosedUntilReclosed()
    {
        // Open June, computed on request: at the end of June m7 and m10 are the Pareto top (6 customers with 100.00, ties
        // by id), m10 also CLV quintile 1; m7 referred m8 and m9: m7 key, m10 revenue, m8, m9, q1, q2 basic.
        var open = await SegmentsAsync("2025-06");
        Assert.Equal(
            ["basic 400.00 4 provisional", "key 100.00 1 provisional", "revenue 100.00 1 provisional"],
            open.Select(row => Describe(row, "status")));
        await AssertAddsUpAsync(open, "2025-06");

        await CloseAsync("2025-06");
        var closed = await _host.GetTextAsync("/api/tenants/acme/kpis?by=valueSegment&from=2025-01&to=2025-06&format=csv");
        var lines = closed.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("month,dimension,segment,status,version,", lines[0], StringComparison.Ordinal);
        Assert.All(lines[1..], line => Assert.Contains(",valueSegment,", line, StringComparison.Ordinal));
        Assert.Equal(["2025-06,valueSegment,basic,closed,1", "2025-06,valueSegment,key,closed,1", "2025-06,valueSegment,revenue,closed,1"],
            lines.Where(line => line.StartsWith("2025-06,", StringComparison.Ordinal)).Select(line => string.Join(',', line.Split(',')[..5])));
        for (var month = 1; month <= 6; month++)
        {
            await AssertAddsUpAsync(await SegmentsAsync($"2025-{month:00}"), $"2025-{month:00}");
        }

        // A late file changes nothing in closed June; a reopen and re-close gives version 2 with n1 in basic.
        await _host.DropAsync("acme/late.csv", LateFile);
        await _host.WaitForImportsAsync("acme", rows => rows.Count == 3 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));
        Assert.Equal(closed, await _host.GetTextAsync("/api/tenants/acme/kpis?by=valueSegment&from=2025-01&to=2025-06&format=csv"));
        using (var reopen = await _host.PostAsync("/api/tenants/acme/closes/2025-05/reopen", """{"reason": "late May signup"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        await CloseAsync("2025-06");
        var reclosed = await SegmentsAsync("2025-06");
        Assert.Equal(["basic 500.00 5 closed 2", "key 100.00 1 closed 2", "revenue 100.00 1 closed 2"], reclosed.Select(row => Describe(row, "status") + " " + row.GetProperty("version").GetInt32()));
        await AssertAddsUpAsync(reclosed, "2025-06");
        Assert.Equal(2, await StoredVersionsAsync("acme|valueSegment", "2025-06"));
    }

    [Fact]
    public async Task Clv_ClosedMonth_FitsStoredWithTheCloseVersionAtTheFirstRead_EachVersionKeepsItsOwn()
    {
        var open = await _host.GetTextAsync("/api/tenants/acme/clv?asOf=2025-06&format=csv");
        Assert.Empty(await RowKeysAsync("acme|clv", "2025-06"));

        await CloseAsync("2025-06");
        var first = await _host.GetTextAsync("/api/tenants/acme/clv?asOf=2025-06&format=csv");
        var forecast = await _host.GetTextAsync("/api/tenants/acme/clv/forecast?asOf=2025-06&months=12&format=csv");
        Assert.Equal(["2025-06|v000001|clv|all", "2025-06|v000001|forecast|all"], await MarkersAsync("2025-06"));
        Assert.Equal(open.Replace(",\r\n", ",1\r\n", StringComparison.Ordinal), first);
        Assert.Equal(first, await _host.GetTextAsync("/api/tenants/acme/clv?asOf=2025-06&format=csv"));
        Assert.Equal(forecast, await _host.GetTextAsync("/api/tenants/acme/clv/forecast?asOf=2025-06&months=12&format=csv"));
        Assert.Equal(12, forecast.Split("\r\n").Count(line => line.StartsWith("2025-06,all,all,month,", StringComparison.Ordinal)));

        await _host.DropAsync("acme/late.csv", LateFile);
        await _host.WaitForImportsAsync("acme", rows => rows.Count == 3 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));
        using (var reopen = await _host.PostAsync("/api/tenants/acme/closes/2025-06/reopen", """{"reason": "late May signup"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        await CloseAsync("2025-06");
        var second = (await _host.GetJsonAsync("/api/tenants/acme/clv?asOf=2025-06")).EnumerateArray().First(row => row.GetProperty("period").GetString() == "month");
        Assert.Equal((11, 2), (second.GetProperty("customers").GetInt32(), second.GetProperty("closeVersion").GetInt32()));
        Assert.Equal(["2025-06|v000001|clv|all", "2025-06|v000001|forecast|all", "2025-06|v000002|clv|all"], await MarkersAsync("2025-06"));
        Assert.Equal(first, await _host.GetTextAsync("/api/tenants/acme/clv?asOf=2025-06&version=1&format=csv"));
    }

    private static string Describe(JsonElement row, string extra) => string.Create(
        CultureInfo.InvariantCulture,
        $"{row.GetProperty("segment").GetString()} {row.GetProperty("mrr").GetDecimal():0.00} {row.GetProperty("customers").GetInt32()} {row.GetProperty(extra).GetString()}");

    private async Task<List<JsonElement>> SegmentsAsync(string month) =>
        [.. (await _host.GetJsonAsync($"/api/tenants/acme/kpis?by=valueSegment&from={month}&to={month}")).EnumerateArray()];

    /// <summary>
    /// The month's value segments add up to its headline row (MRR, start MRR, FX impact, customers; movements do not,
    /// since a customer who changes segment leaves one and enters the other), and each keeps the movement identity.
    /// </summary>
    private async Task AssertAddsUpAsync(List<JsonElement> segments, string month)
    {
        var headline = await _host.GetJsonAsync($"/api/tenants/acme/kpis/{month}");
        foreach (var column in new[] { "mrr", "startMrr", "fxImpactMrr" })
        {
            Assert.Equal($"{month} {column} {headline.GetProperty(column).GetDecimal()}", $"{month} {column} {segments.Sum(row => row.GetProperty(column).GetDecimal())}");
        }

        decimal Of(JsonElement row, string column) => row.GetProperty(column).GetDecimal();
        Assert.All(segments, row => Assert.Equal(
            Of(row, "mrr"),
            Of(row, "startMrr") + Of(row, "newMrr") + Of(row, "expansionMrr") + Of(row, "reactivationMrr") - Of(row, "contractionMrr")
                - Of(row, "churnedMrr") + Of(row, "fxImpactMrr")));

        Assert.Equal(headline.GetProperty("customers").GetInt32(), segments.Sum(row => row.GetProperty("customers").GetInt32()));
        Assert.All(segments, row => Assert.Equal(headline.GetProperty("version").GetInt32(), row.GetProperty("version").GetInt32()));
    }

    private async Task CloseAsync(string month)
    {
        using var close = await _host.PostAsync($"/api/tenants/acme/closes/{month}");
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    private TableClient Figures =>
        _host.Services.GetRequiredService<TableServiceClient>()
            .GetTableClient(_host.Services.GetRequiredService<IOptions<PipelineStorageOptions>>().Value.CloseFiguresTable);

    /// <summary>How many close versions of <paramref name="month"/> have a marker in the partition.</summary>
    private async Task<int> StoredVersionsAsync(string partition, string month) =>
        (await RowKeysAsync(partition, month)).Count(key => key.Count(character => character == '|') == 1);

    private async Task<List<string>> MarkersAsync(string month) =>
        [.. (await RowKeysAsync("acme|clv", month)).Where(key => key.Count(character => character == '|') == 3).Order(StringComparer.Ordinal)];

    private async Task<List<string>> RowKeysAsync(string partition, string month)
    {
        var keys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {month} and RowKey lt {month + "}"}");
        await foreach (var row in Figures.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
