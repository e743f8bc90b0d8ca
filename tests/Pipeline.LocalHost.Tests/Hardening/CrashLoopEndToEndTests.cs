using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Imports;
using Pipeline.Application.Tests;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>
/// Hardening items 3 and 11 through the real host on Azurite: a file that kills the host on every attempt ends Failed
/// after the configured attempts across host restarts, and another tenant's file queued behind it is ingested.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashLoopEndToEndTests(AzuriteInstance azurite)
{
    private static readonly TenantId Alpha = TenantId.Parse("alpha");

    private readonly string _prefix = LocalHostInstance.NewStoragePrefix();

    [Fact]
    public async Task FileThatKillsTheHost_FailedAfterThreeAttemptsAcrossRestarts_AndTheOtherTenantsFileBehindItIsIngested()
    {
        // Both files are there before the first host starts: alpha's comes first in the listing, beta's waits behind it.
        var exports = new BlobContainerClient(azurite.ConnectionString, $"{_prefix}-exports");
        await exports.CreateIfNotExistsAsync();
        await exports.UploadBlobAsync("alpha/huge.csv", BinaryData.FromString(SampleExports.RevenueLines));
        await exports.UploadBlobAsync("beta/revenue.csv", BinaryData.FromString(SampleExports.RevenueLines));

        // Host 1 dies in alpha's file before it gets to beta's.
        await using (var first = await StartAsync())
        {
            await first.Dying().Hung.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var claim = await AlphaRecordAsync(first.Host);
            Assert.Equal((ImportStatus.Processing, 1), (claim.Status, claim.Attempts));
            Assert.Contains($"pid {Environment.ProcessId}), run ", claim.LeaseOwner, StringComparison.Ordinal);
            Assert.Empty(await first.Host.Services.GetRequiredService<IImportLog>().ListAsync(TenantId.Parse("beta"), CancellationToken.None));
        }

        // Hosts 2 and 3 ingest beta's file, resume alpha's once the dead host's claim has expired, and die in it again.
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            await using var restarted = await StartAsync();
            var beta = (await restarted.Host.WaitForImportsAsync("beta", rows => rows.Count == 1 && Status(rows[0]) != "Processing"))[0];
            Assert.Equal(("Accepted", 19), (Status(beta), beta.GetProperty("rows").GetInt32()));
            await restarted.Dying().Hung.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal((ImportStatus.Processing, attempt), ((await AlphaRecordAsync(restarted.Host)).Status, (await AlphaRecordAsync(restarted.Host)).Attempts));
        }

        // Host 4 gives up on it: Failed, with the reason, and the tenant's figures of beta are served.
        await using var last = await StartAsync();
        var failed = (await last.Host.WaitForImportsAsync("alpha", rows => rows.Count == 1 && Status(rows[0]) == "Failed"))[0];
        var detail = await last.Host.GetJsonAsync($"/api/tenants/alpha/imports/{failed.GetProperty("id").GetString()}");
        Assert.StartsWith(
            "Gave up after 3 attempts; the last attempt did not finish (the host stopped or ran out of memory while ingesting this file: the claim of ",
            detail.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await AlphaRecordAsync(last.Host)).Attempts);
        var march = await last.Host.GetJsonAsync("/api/tenants/beta/kpis/2025-03");
        Assert.Equal("230.00", march.GetProperty("mrr").GetRawText());
    }

    private async Task<RunningHost> StartAsync()
    {
        Func<DyingLedgerStore>? dying = null;
        var host = await LocalHostInstance.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["Pipeline:MaxIngestAttempts"] = "3", ["Pipeline:IngestLeaseDuration"] = "00:00:02" },
            _prefix,
            services => dying = DyingLedgerStore.Install(services, Alpha));
        return new RunningHost(host, dying!);
    }

    private static async Task<ImportRecord> AlphaRecordAsync(LocalHostInstance host) =>
        Assert.Single(await host.Services.GetRequiredService<IImportLog>().ListAsync(Alpha, CancellationToken.None));

    private static string? Status(System.Text.Json.JsonElement row) => row.GetProperty("status").GetString();

    private sealed record RunningHost(LocalHostInstance Host, Func<DyingLedgerStore> Dying) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
