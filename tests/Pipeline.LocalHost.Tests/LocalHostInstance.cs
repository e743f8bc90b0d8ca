using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Api.Closes;

namespace Pipeline.LocalHost.Tests;

/// <summary>The real local host on a free loopback port, over its own containers and tables in a running Azurite.</summary>
/// <remarks>Requests go through Kestrel over TCP, exactly as a BI tool's would.</remarks>
public sealed class LocalHostInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalHostInstance(WebApplication app, BlobContainerClient exports, HttpClient http)
    {
        _app = app;
        Exports = exports;
        Http = http;
    }

    /// <summary>The host's <c>exports</c> container, where a test drops files as finance would.</summary>
    public BlobContainerClient Exports { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// A second host on <paramref name="first"/>'s containers and tables (a scaled-out instance) that does not poll for
    /// exports, so only the first one ingests.
    /// </summary>
    /// <param name="storageConnectionString">The Azurite connection string.</param>
    /// <param name="first">The host whose storage names this one takes.</param>
    /// <param name="settings">Settings over the test defaults.</param>
    public static async Task<LocalHostInstance> StartBesideAsync(
        string storageConnectionString, LocalHostInstance first, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        var names = first.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pipeline.Storage.PipelineStorageOptions>>().Value;
        var configuration = new Dictionary<string, string?>
        {
            ["PipelineStorage:ExportsContainer"] = names.ExportsContainer,
            ["PipelineStorage:LedgerContainer"] = names.LedgerContainer,
            ["PipelineStorage:ReportsContainer"] = names.ReportsContainer,
            ["PipelineStorage:ClosesContainer"] = names.ClosesContainer,
            ["PipelineStorage:ImportsTable"] = names.ImportsTable,
            ["PipelineStorage:ClosesTable"] = names.ClosesTable,
            ["PipelineStorage:KpiSnapshotsTable"] = names.KpiSnapshotsTable,
            ["PipelineStorage:CloseAuditTable"] = names.CloseAuditTable,
            ["PipelineStorage:CloseFiguresTable"] = names.CloseFiguresTable,
            ["LocalHost:PollInterval"] = "01:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        return await StartAsync(storageConnectionString, configuration);
    }

    /// <summary>Starts a host on its own fresh containers and tables, or on those of <paramref name="storagePrefix"/>.</summary>
    /// <param name="storageConnectionString">The Azurite connection string.</param>
    /// <param name="settings">Settings over the test defaults.</param>
    /// <param name="storagePrefix">
    /// The prefix of the storage names (<see cref="NewStoragePrefix"/>): a host started again with the same prefix is a
    /// restart of the same installation. Fresh names when null.
    /// </param>
    /// <param name="services">Replaces services (a test double of a port) before the host is built.</param>
    public static async Task<LocalHostInstance> StartAsync(
        string storageConnectionString, IDictionary<string, string?>? settings = null, string? storagePrefix = null,
        Action<IServiceCollection>? services = null)
    {
        var prefix = storagePrefix ?? NewStoragePrefix();
        var configuration = Pipeline.Testing.AzuriteInstance.StorageSettings(storageConnectionString, prefix);
        var defaults = new Dictionary<string, string?>
        {
            ["Pipeline:ReportingCurrency"] = "EUR",
            ["Pipeline:BusinessTimeZone"] = "UTC",
            ["LocalHost:PollInterval"] = "00:00:00.200",
            ["LocalHost:RunCloseSchedule"] = "false",
        };
        foreach (var (key, value) in defaults.Concat(settings ?? new Dictionary<string, string?>()))
        {
            configuration[key] = value;
        }

        var app = LocalHostApplication.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        var exports = new BlobContainerClient(storageConnectionString, $"{prefix}-exports");
        return new LocalHostInstance(app, exports, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>A fresh prefix for storage names, valid for containers and tables.</summary>
    public static string NewStoragePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Uploads a file into <c>exports</c> and returns its ETag, as a finance user dropping it would.</summary>
    public async Task<Azure.ETag> DropAsync(string name, string content)
    {
        var response = await Exports.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: false);
        return response.Value.ETag;
    }

    /// <summary>Uploads bytes exactly as given (an <c>.xlsx</c>, a <c>.zip</c>, a Windows-1252 or UTF-16 file).</summary>
    public async Task<Azure.ETag> DropAsync(string name, byte[] content)
    {
        var response = await Exports.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: false);
        return response.Value.ETag;
    }

    /// <summary>Uploads a fixture file (<c>tests/Fixtures/exports/{format}/{file}</c>) byte for byte under <paramref name="name"/>.</summary>
    public Task<Azure.ETag> DropFixtureAsync(string name, params string[] fixturePath) =>
        DropAsync(name, File.ReadAllBytes(Path.Combine([AppContext.BaseDirectory, "Fixtures", "exports", .. fixturePath])));

    /// <summary>GETs a path that must answer 200 and returns its JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string path) => Parse(await GetTextAsync(path));

    /// <summary>GETs a path that must answer 200 and returns its body.</summary>
    public async Task<string> GetTextAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>POSTs <paramref name="json"/> (no body when null), as <paramref name="user"/> when given (the <c>X-Pipeline-User</c> header).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string? json = null, string? user = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (user is not null)
        {
            request.Headers.Add(CloseEndpoints.ClosedByHeader, user);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>
    /// Polls the tenant's import list until <paramref name="done"/> holds for it (bounded; fails the test after
    /// <paramref name="seconds"/>) and returns that list.
    /// </summary>
    public async Task<List<JsonElement>> WaitForImportsAsync(string tenant, Func<List<JsonElement>, bool> done, int seconds = 30)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await Http.GetAsync(new Uri($"/api/tenants/{tenant}/imports", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                var imports = Parse(await response.Content.ReadAsStringAsync()).EnumerateArray().ToList();
                if (done(imports))
                {
                    return imports;
                }
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(seconds), $"The imports of {tenant} did not settle within {seconds} seconds.");
            await Task.Delay(100);
        }
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
