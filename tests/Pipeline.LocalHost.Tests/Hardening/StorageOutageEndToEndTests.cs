using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Api.Http;
using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>
/// Storage goes down under the real host (Azurite behind a relay that refuses or stalls): the routes that read or
/// write storage answer 503 ProblemDetails with Retry-After once the SDK's retries are spent, never a 500 with the
/// SDK's error, each logged as a warning, and health, which touches no storage, still answers 200.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageOutageEndToEndTests(AzuriteInstance azurite)
{
    // One retry, each try cut after a second: the outage reaches the caller in seconds, not minutes.
    private static readonly Dictionary<string, string?> QuickRetries = new()
    {
        ["PipelineStorage:MaxRetries"] = "1",
        ["PipelineStorage:RetryDelay"] = "00:00:00.100",
        ["PipelineStorage:NetworkTimeout"] = "00:00:01",
    };

    [Theory]
    [InlineData(StorageOutage.Refused)]
    [InlineData(StorageOutage.Stalled)]
    public async Task StorageDown_KpiReadAndClose_Are503ProblemsWithRetryAfter_AndHealthStays200(StorageOutage outage)
    {
        await using var relay = StorageRelay.Start(azurite.ConnectionString);
        var logs = new RecordedLogs();
        await using var host = await LocalHostInstance.StartAsync(
            relay.ConnectionString, QuickRetries, services: services => services.AddSingleton<ILoggerProvider>(logs));
        await host.DropAsync("acme/revenue.csv", SampleExports.RevenueLines);
        await host.WaitForImportsAsync("acme", rows => rows.Count == 1 && rows[0].GetProperty("status").GetString() == "Accepted");
        Assert.Equal("230.00", (await host.GetJsonAsync("/api/tenants/acme/kpis/2025-03")).GetProperty("mrr").GetRawText());

        relay.Cut(outage);
        var before = logs.Entries.Count;

        // Within Pipeline:KpiReadMaxStaleness (1 s) of its last stamp read the host may still answer from memory; past it,
        // a KPI read has to reach storage.
        await Task.Delay(TimeSpan.FromSeconds(1));

        using (var read = await host.Http.GetAsync(new Uri("/api/tenants/acme/kpis/2025-03", UriKind.Relative)))
        {
            await AssertStorageUnavailableAsync(read);
        }

        using (var close = await host.PostAsync("/api/tenants/acme/closes/2025-03", user: "alice"))
        {
            await AssertStorageUnavailableAsync(close);
        }

        Assert.Equal("healthy", (await host.GetJsonAsync("/api/health")).GetProperty("status").GetString());

        // Each 503 is logged once, as a warning (an outage repeats it for every request), and nothing else on the way
        // logs the outage: not the exception handler middleware, not at Error. The poller's own warnings are its business.
        var handler = typeof(StorageUnavailableExceptionHandler).FullName!;
        Assert.Equal(
            [(handler, LogLevel.Warning, 4001), (handler, LogLevel.Warning, 4001)],
            logs.Entries.Skip(before).Where(entry => entry.Category != typeof(ExportFolderWatcher).FullName));
    }

    private async Task AssertStorageUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(
            (HttpStatusCode.ServiceUnavailable, "application/problem+json"),
            (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        var problem = LocalHostInstance.Parse(body);
        Assert.Equal((503, "Storage unavailable"), (problem.GetProperty("status").GetInt32(), problem.GetProperty("title").GetString()));
        Assert.StartsWith("Storage did not answer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Nothing of the SDK's error reaches the client: no exception text, endpoint, account or key.
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("devstoreaccount1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(azurite.ConnectionString.Split("AccountKey=")[1].Split(';')[0], body, StringComparison.Ordinal);
    }
}
