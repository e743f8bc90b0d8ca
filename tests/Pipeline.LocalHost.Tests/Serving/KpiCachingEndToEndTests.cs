using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Serving;

/// <summary>
/// Conditional requests and the closed-month cache through the real local host on Azurite: two hosts on the same
/// storage (two scaled-out instances), one reading, the other closing and reopening, so a cache that missed a change
/// made elsewhere would show it. The reader sees a change made elsewhere within <c>Pipeline:KpiReadMaxStaleness</c> (the
/// default, 1 s), and one of its own at once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KpiCachingEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    /// <summary>The hosts' <c>Pipeline:KpiReadMaxStaleness</c> (its default).</summary>
    private static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(1);

    private LocalHostInstance _reader = null!;
    private LocalHostInstance _operator = null!;

    public async Task InitializeAsync()
    {
        _reader = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        _operator = await LocalHostInstance.StartBesideAsync(azurite.ConnectionString, _reader);
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _reader.DisposeAsync();
    }

    [Fact]
    public async Task GetKpis_ClosedMonthThenIfNoneMatch_200WithValidatorsThen304WithoutBody()
    {
        await IngestAndCloseJuneAsync("etag");

        foreach (var path in new[] { "/api/tenants/etag/kpis/2025-05", "/api/tenants/etag/kpis?to=2025-06", "/api/tenants/etag/kpis?to=2025-06&format=csv" })
        {
            using var first = await _reader.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            var cacheControl = first.Headers.CacheControl!;
            Assert.Equal((true, TimeSpan.FromHours(1), true, false), (cacheControl.Private, cacheControl.MaxAge, cacheControl.MustRevalidate, cacheControl.NoCache));
            Assert.NotNull(first.Content.Headers.LastModified);

            using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            again.Headers.IfNoneMatch.Add(etag);
            using var second = await _reader.Http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Equal(etag, second.Headers.ETag);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        }

        using var open = await _reader.Http.GetAsync(new Uri("/api/tenants/etag/kpis", UriKind.Relative));
        var openCacheControl = open.Headers.CacheControl!;
        Assert.Equal((true, null, true, true), (openCacheControl.Private, openCacheControl.MaxAge, openCacheControl.MustRevalidate, openCacheControl.NoCache));
        Assert.NotNull(open.Headers.ETag);
    }

    [Fact]
    public async Task GetKpis_ReopenRefreshAndRecloseOnAnotherInstance_ReaderNeverServesTheOldVersion()
    {
        await IngestAndCloseJuneAsync("cache");
        var closedMay = await MayAsync();
        Assert.Equal(("closed", 1, 180m), closedMay);
        Assert.Equal(closedMay, await MayAsync());
        Assert.Equal(("closed", 1, 180m), await MayInListAsync());
        var closedTag = await ETagAsync("/api/tenants/cache/kpis/2025-05");

        using (var reopen = await _operator.PostAsync("/api/tenants/cache/closes/2025-05/reopen", """{"reason": "a May customer was missing"}""", "controller@acme"))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        await Task.Delay(MaxStaleness);
        Assert.Equal(("provisional", 2, 180m), await MayAsync());
        Assert.Equal(("provisional", 2, 180m), await MayInListAsync());
        Assert.NotEqual(closedTag, await ETagAsync("/api/tenants/cache/kpis/2025-05"));

        // A late file for May: the provisional refresh of the reopened months is visible to the very next read.
        await _reader.DropAsync("cache/may-customer.csv",
            """
            line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end
            x1,X,in_x1,sub_x,50.00,EUR,month,2025-05-01,2025-06-01

            """);
        await _reader.WaitForImportsAsync("cache", imports => imports.Count(import => import.GetProperty("status").GetString() == "Accepted") == 2);
        Assert.Equal(("provisional", 2, 230m), await MayAsync());
        Assert.Equal(("provisional", 2, 230m), await MayInListAsync());

        using (var reclose = await _operator.Http.PostAsync(new Uri("/api/tenants/cache/closes/2025-06", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, reclose.StatusCode);
        }

        await Task.Delay(MaxStaleness);
        Assert.Equal(("closed", 2, 230m), await MayAsync());
        Assert.Equal(("closed", 2, 230m), await MayInListAsync());
        var version1 = await _reader.GetJsonAsync("/api/tenants/cache/kpis/2025-05?version=1");
        Assert.Equal(180m, version1.GetProperty("mrr").GetDecimal());
    }

    [Fact]
    public async Task GetKpis_LongStalenessBound_AnotherInstancesReopenNotSeenWithinIt_OwnReopenAtOnce()
    {
        await IngestAndCloseJuneAsync("bound");
        await using var patient = await LocalHostInstance.StartBesideAsync(
            azurite.ConnectionString, _reader, new Dictionary<string, string?> { ["Pipeline:KpiReadMaxStaleness"] = "00:10:00" });
        async Task<(string, int, decimal)> MayOnPatientAsync() => Summary(await patient.GetJsonAsync("/api/tenants/bound/kpis/2025-05"));
        Assert.Equal(("closed", 1, 180m), await MayOnPatientAsync());

        // Reopened on another instance: within its 10 minutes, this instance answers from memory, without storage.
        using (var reopen = await _operator.PostAsync("/api/tenants/bound/closes/2025-05/reopen", """{"reason": "checking the bound"}""", "controller@acme"))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        Assert.Equal(("closed", 1, 180m), await MayOnPatientAsync());

        // Closed again on this instance: its own write is seen by the next read.
        using (var reclose = await patient.Http.PostAsync(new Uri("/api/tenants/bound/closes/2025-06", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, reclose.StatusCode);
        }

        Assert.Equal(("closed", 2, 180m), await MayOnPatientAsync());
    }

    [Fact]
    public async Task GetKpis_AcceptEncodingBrotli_CompressedBodyOfTheSameRows()
    {
        await IngestAndCloseJuneAsync("zip");
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All };
        using var client = new HttpClient(handler) { BaseAddress = _reader.Http.BaseAddress };

        foreach (var (encoding, format) in new[] { ("br", "json"), ("gzip", "csv") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/tenants/zip/kpis?format={format}", UriKind.Relative));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await _reader.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            using var decoded = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/tenants/zip/kpis?format={format}", UriKind.Relative));
            decoded.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var plain = await client.SendAsync(decoded);
            Assert.Equal(await _reader.GetTextAsync($"/api/tenants/zip/kpis?format={format}"), await plain.Content.ReadAsStringAsync());
        }
    }

    private async Task IngestAndCloseJuneAsync(string tenant)
    {
        await _reader.DropAsync($"{tenant}/revenue.csv", SampleExports.RevenueLines);
        await _reader.WaitForImportsAsync(tenant, imports => imports.Any(import => import.GetProperty("status").GetString() == "Accepted"), seconds: 120);
        using var close = await _operator.Http.PostAsync(new Uri($"/api/tenants/{tenant}/closes/2025-06", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    private async Task<(string, int, decimal)> MayAsync() => Summary(await _reader.GetJsonAsync("/api/tenants/cache/kpis/2025-05"));

    private async Task<(string, int, decimal)> MayInListAsync() =>
        Summary((await _reader.GetJsonAsync("/api/tenants/cache/kpis")).EnumerateArray().Single(row => row.GetProperty("month").GetString() == "2025-05"));

    private async Task<EntityTagHeaderValue?> ETagAsync(string path)
    {
        using var response = await _reader.Http.GetAsync(new Uri(path, UriKind.Relative));
        return response.Headers.ETag;
    }

    private static (string, int, decimal) Summary(JsonElement row) =>
        (row.GetProperty("status").GetString()!, row.GetProperty("version").GetInt32(), row.GetProperty("mrr").GetDecimal());
}
