using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pipeline.Api.Closes;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.LocalHost;
using Pipeline.Testing;

namespace Pipeline.Benchmarks;

/// <summary>The whole pipeline in this process: a fresh Azurite and the local host over it, driven through storage and HTTP.</summary>
/// <remarks>
/// <para>
/// Azurite is started by <see cref="AzuriteInstance"/> (the tests' own starter: <c>node_modules/.bin/azurite</c>, in
/// memory, on free loopback ports; <c>PIPELINE_TEST_STORAGE</c> points it at other storage instead). The host is
/// <see cref="LocalHostApplication.Create"/> with in-memory settings, as <c>tests/Pipeline.LocalHost.Tests</c> start
/// it: its own containers and tables per run, a 200 ms export poll, the close schedule off, EUR in UTC. Requests go
/// over loopback TCP through Kestrel, as a BI tool's or an operator's would.
/// </para>
/// <para>
/// The storage ports are wrapped by <see cref="StorageCallTimeline"/>, and a middleware stamps each request's calls
/// with its method and path, so the benchmark can split its end-to-end times into phases. Every wait is bounded and
/// says what it waited for when it gives up; <see cref="DisposeAsync"/> stops the host and kills Azurite.
/// </para>
/// </remarks>
internal sealed class LocalPipeline : IAsyncDisposable
{
    private readonly AzuriteInstance _azurite;
    private readonly WebApplication _app;
    private readonly BlobContainerClient _exports;
    private readonly HttpClient _http;

    private LocalPipeline(AzuriteInstance azurite, WebApplication app, BlobContainerClient exports, HttpClient http, StorageCallTimeline timeline)
    {
        (_azurite, _app, _exports, _http, Timeline) = (azurite, app, exports, http, timeline);
    }

    /// <summary>The host's <c>Pipeline:DelinquencyDays</c>, set explicitly so that no environment variable changes it under DuckDB's query.</summary>
    public const int DelinquencyDays = 30;

    /// <summary>The host's <c>Pipeline:CloseLagDays</c>: how long after its end a month is due for close.</summary>
    public const int CloseLagDays = 3;

    /// <summary>Where the host listens (loopback, a free port).</summary>
    public Uri Address => _http.BaseAddress!;

    /// <summary>The host's storage calls so far.</summary>
    public StorageCallTimeline Timeline { get; }

    public static async Task<LocalPipeline> StartAsync()
    {
        var azurite = new AzuriteInstance();
        try
        {
            await azurite.InitializeAsync();
            return await StartHostAsync(azurite);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    private static async Task<LocalPipeline> StartHostAsync(AzuriteInstance azurite)
    {
        var prefix = AzuriteInstance.UniqueName("e2e");
        var settings = azurite.StorageSettings(prefix);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Pipeline:ReportingCurrency"] = "EUR",
            ["Pipeline:BusinessTimeZone"] = "UTC",
            ["Pipeline:DelinquencyDays"] = DelinquencyDays.ToString(CultureInfo.InvariantCulture),
            ["Pipeline:CloseLagDays"] = CloseLagDays.ToString(CultureInfo.InvariantCulture),
            ["LocalHost:PollInterval"] = "00:00:00.200",
            ["LocalHost:RunCloseSchedule"] = "false",
        })
        {
            settings[key] = value;
        }

        var timeline = new StorageCallTimeline();
        var app = LocalHostApplication.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            timeline.Wrap<IImportLog>(builder.Services);
            timeline.Wrap<ILedgerStore>(builder.Services);
            timeline.Wrap<IImportReportStore>(builder.Services);
            timeline.Wrap<IKpiSnapshotStore>(builder.Services);
            timeline.Wrap<ICloseLog>(builder.Services);
            timeline.Wrap<ICloseArtifactStore>(builder.Services);
            timeline.Wrap<ICloseAuditLog>(builder.Services);
        });
        app.Use(async (context, next) =>
        {
            StorageCallTimeline.Origin = string.Concat(context.Request.Method, " ", context.Request.Path.Value);
            await next(context);
        });
        app.MapGet(ConstantBodyRoute + "/{size:int}", ConstantBodyAsync);
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = Timeout.InfiniteTimeSpan };
        var exports = new BlobContainerClient(azurite.ConnectionString, $"{prefix}-exports");
        return new LocalPipeline(azurite, app, exports, http, timeline);
    }

    /// <summary>
    /// The benchmark's own route (not the product's) that answers a constant body of <c>{size}</c> bytes from memory
    /// (<c>GET /bench/body/89404</c>), through the host's whole middleware pipeline and routing like every API route: the
    /// floor of sending a body of that size from this host, beside which the <c>load</c> benchmark puts a KPI read of the
    /// same size.
    /// </summary>
    public const string ConstantBodyRoute = "/bench/body";

    private static readonly ConcurrentDictionary<int, byte[]> ConstantBodies = new();

    /// <summary>A JSON string of <paramref name="size"/> bytes, made once per size, sent with its length as a cached KPI body is.</summary>
    private static async Task ConstantBodyAsync(HttpContext context, int size)
    {
        if (size is < 2 or > 64 * 1024 * 1024)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var body = ConstantBodies.GetOrAdd(size, length =>
        {
            var bytes = new byte[length];
            bytes.AsSpan().Fill((byte)'a');
            (bytes[0], bytes[^1]) = ((byte)'"', (byte)'"');
            return bytes;
        });
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Uploads a local file into <c>exports</c> as <paramref name="blobName"/> (never over an existing blob).</summary>
    public async Task UploadAsync(string blobName, string path, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _exports.GetBlobClient(blobName).UploadAsync(path, overwrite: false, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"Uploading {blobName} into exports did not finish within {timeout.TotalSeconds:F0} s.");
        }
    }

    /// <summary>Polls <c>GET /api/tenants/{tenant}/imports</c> every 100 ms until the file's import is Accepted; fails on any other outcome.</summary>
    /// <returns>The import's summary row.</returns>
    public async Task<JsonElement> WaitUntilAcceptedAsync(TenantId tenant, string fileName, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        string? lastStatus = null;
        while (waited.Elapsed < timeout)
        {
            var imports = await GetJsonAsync($"/api/tenants/{tenant}/imports", timeout - waited.Elapsed, allowNotFound: true);
            var import = imports is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().FirstOrDefault(row => string.Equals(row.GetProperty("fileName").GetString(), fileName, StringComparison.Ordinal))
                : default;
            if (import.ValueKind == JsonValueKind.Object)
            {
                lastStatus = import.GetProperty("status").GetString();
                switch (lastStatus)
                {
                    case "Accepted":
                        return import;
                    case "Rejected" or "Failed" or "Duplicate":
                        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                            $"The import of {fileName} ended {lastStatus}: {import.GetProperty("reason").GetString()} ({import.GetProperty("rowErrors").GetInt32()} bad rows)."));
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
            $"The import of {fileName} (tenant {tenant}) was not Accepted within {timeout.TotalSeconds:F0} s (last status: {lastStatus ?? "no import record yet"})."));
    }

    /// <summary><c>POST /api/tenants/{tenant}/closes/{through}</c>; returns the months it closed.</summary>
    public async Task<List<string>> CloseThroughAsync(TenantId tenant, BillingMonth through, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/tenants/{tenant}/closes/{through}", UriKind.Relative));
        request.Headers.Add(CloseEndpoints.ClosedByHeader, "e2e-benchmark");
        try
        {
            using var response = await _http.SendAsync(request, cancel.Token);
            var body = await response.Content.ReadAsStringAsync(cancel.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"POST closes/{through} answered {(int)response.StatusCode}: {body}"));
            }

            using var document = JsonDocument.Parse(body);
            return [.. document.RootElement.GetProperty("closedNow").EnumerateArray().Select(month => month.GetString()!)];
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"POST closes/{through} did not answer within {timeout.TotalSeconds:F0} s.");
        }
    }

    /// <summary>The tenant's monthly KPI rows (<c>GET /api/tenants/{tenant}/kpis?format=json</c>), oldest first.</summary>
    public async Task<List<JsonElement>> GetKpisAsync(TenantId tenant, TimeSpan timeout)
    {
        var rows = await GetJsonAsync($"/api/tenants/{tenant}/kpis?format=json", timeout, allowNotFound: false);
        return [.. rows!.Value.EnumerateArray()];
    }

    private async Task<JsonElement?> GetJsonAsync(string path, TimeSpan timeout, bool allowNotFound)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancel.Token);
            if (allowNotFound && response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancel.Token);
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"GET {path} answered {(int)response.StatusCode}: {body}"));
            }

            return await response.Content.ReadFromJsonAsync<JsonElement>(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"GET {path} did not answer within {timeout.TotalSeconds:F0} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _http.Dispose();
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }
        finally
        {
            await _azurite.DisposeAsync();
        }
    }
}
