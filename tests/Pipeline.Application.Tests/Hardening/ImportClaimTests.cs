using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Hardening;

/// <summary>
/// Hardening items 3 and 11: a file that kills the host ends Failed after the configured attempts, counted on the record
/// across restarts, without blocking the files behind it; a claim held by a live run is never resumed by another.
/// </summary>
public sealed class ImportClaimTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 8, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Alpha = TenantId.Parse("alpha");
    private static readonly TenantId Beta = TenantId.Parse("beta");

    private readonly PipelineHarness _pipeline = new(Now);

    private ExportIngestionService Ingestion => _pipeline.Get<ExportIngestionService>();

    [Fact]
    public async Task Sweep_FileKillsTheHostOnEveryAttempt_FailedAfterThreeAttemptsAcrossRestartsAndTheOtherTenantsFileIsIngested()
    {
        _pipeline.Inbox.Put("alpha/huge.csv", SampleExports.RevenueLines);
        _pipeline.Inbox.Put("beta/revenue.csv", SampleExports.RevenueLines.Replace("C1", "B1", StringComparison.Ordinal));
        _pipeline.Ledger.HangTenant = Alpha;

        // Host 1 dies in the middle of alpha's file, before it got to beta's.
        await DieWhileIngestingAsync();
        var first = Assert.Single(_pipeline.Imports.All);
        Assert.Equal((Alpha, ImportStatus.Processing, 1, Now.AddMinutes(2)), (first.Tenant, first.Status, first.Attempts, first.LeaseUntil));

        // Host 2 starts at once: the dead run's claim has not expired, so alpha's file is skipped, not waited on.
        Assert.Equal(1, await Restarted().SweepAsync(CancellationToken.None));
        var beta = Assert.Single(_pipeline.Imports.All, record => record.Tenant == Beta);
        Assert.Equal((ImportStatus.Accepted, 19), (beta.Status, beta.Rows));

        // Hosts 3 and 4 resume it after the claim expired, and die in it too.
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            _pipeline.Clock.Advance(TimeSpan.FromMinutes(3));
            await DieWhileIngestingAsync();
            Assert.Equal(attempt, _pipeline.Imports.All.Single(record => record.Tenant == Alpha).Attempts);
        }

        // Host 5 gives up: the file is Failed with the reason, and never read again.
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(3));
        var reads = _pipeline.Inbox.Reads;
        Assert.Equal(1, await Restarted().SweepAsync(CancellationToken.None));
        var failed = _pipeline.Imports.All.Single(record => record.Tenant == Alpha);
        Assert.Equal((ImportStatus.Failed, 3, null, null), (failed.Status, failed.Attempts, failed.LeaseOwner, failed.LeaseUntil));
        Assert.StartsWith(
            "Gave up after 3 attempts; the last attempt did not finish (the host stopped or ran out of memory while ingesting this file: the claim of ",
            failed.Reason, StringComparison.Ordinal);
        Assert.Contains("expired at 2025-08-10 09:08:00Z", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await Restarted().SweepAsync(CancellationToken.None));
        Assert.Equal(reads + 1, _pipeline.Inbox.Reads);
        Assert.Equal(1, _pipeline.Ledger.Count);
    }

    [Fact]
    public async Task IngestAsync_ClaimHeldByALiveRunOfAnotherOwner_IsNotResumedUntilItsLeaseExpires()
    {
        var blob = _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        var claim = Claim("acme/revenue.csv", blob.ETag, owner: "cli on ops-laptop (pipeline, pid 77), run 0badf00d", until: Now.AddMinutes(2));
        Assert.NotNull(await _pipeline.Imports.TryClaimAsync(claim, CancellationToken.None));

        var whileHeld = await Ingestion.IngestAsync(blob, CancellationToken.None);
        var swept = await _pipeline.Get<ExportSweepService>().SweepAsync(CancellationToken.None);

        Assert.Equal(claim, whileHeld);
        Assert.Equal((0, 0, 1), (swept, _pipeline.Ledger.Writes, _pipeline.Inbox.Reads));
        Assert.Equal(claim, Assert.Single(_pipeline.Imports.All));

        // Once the lease has expired, the owner is taken for dead: the next run resumes it, as attempt 2.
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var resumed = await Ingestion.IngestAsync(blob, CancellationToken.None);

        Assert.Equal((ImportStatus.Accepted, 2, null, null), (resumed.Status, resumed.Attempts, resumed.LeaseOwner, resumed.LeaseUntil));
        Assert.Equal(1, _pipeline.Ledger.Writes);
    }

    [Fact]
    public async Task IngestAsync_LongIngest_RenewsItsLeaseAndStopsWithoutWritingWhenAnotherRunTookTheClaimOver()
    {
        var blob = _pipeline.Inbox.Put("alpha/huge.csv", SampleExports.RevenueLines);
        _pipeline.Ledger.HangTenant = Alpha;
        var run = Ingestion.IngestAsync(blob, CancellationToken.None);
        await _pipeline.Ledger.Hung.Task.WaitAsync(TimeSpan.FromSeconds(10));

        _pipeline.Clock.Advance(TimeSpan.FromSeconds(30));
        var renewed = await WaitForAsync(() => _pipeline.Imports.All.Single().LeaseUntil == Now.AddSeconds(150));
        var owner = renewed.LeaseOwner;

        // Another run takes the claim over (as if this one had been suspended past its lease): the next renewal finds
        // the row changed, and this run stops, leaving the other's record as it is.
        var other = renewed with { LeaseOwner = "host-b (Pipeline.LocalHost, pid 9), run 12345678", Attempts = 2 };
        await _pipeline.Imports.SaveAsync(other, CancellationToken.None);
        _pipeline.Clock.Advance(TimeSpan.FromSeconds(30));
        var stopped = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains($"pid {Environment.ProcessId}), run ", owner, StringComparison.Ordinal);
        Assert.NotEqual(other.LeaseOwner, owner);
        Assert.Equal(other, stopped);
        Assert.Equal(other, Assert.Single(_pipeline.Imports.All));
        Assert.Equal((0, 1), (_pipeline.Ledger.Writes, _pipeline.Ledger.Abandoned));
        Assert.Null(await _pipeline.Reports.ReadAsync(Alpha, other.ImportId, CancellationToken.None));
    }

    [Fact]
    public async Task IngestAsync_FailedVersionIngestedAgain_IsNotRetriedButARedropIsWithFreshAttempts()
    {
        var blob = _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        var failed = Claim("acme/revenue.csv", blob.ETag, owner: null, until: null) with
        {
            Status = ImportStatus.Failed,
            Attempts = 3,
            Reason = "Gave up after 3 attempts.",
        };
        await _pipeline.Imports.SaveAsync(failed, CancellationToken.None);

        var replay = await Ingestion.IngestAsync(blob, CancellationToken.None);
        var redropped = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines), CancellationToken.None);

        Assert.Equal(failed, replay);
        Assert.Equal((ImportStatus.Accepted, 1, failed.ImportId), (redropped.Status, redropped.Attempts, redropped.ImportId));
    }

    /// <summary>Runs a sweep of a fresh host until the ingest hangs, then kills it (nothing after the hang runs).</summary>
    private async Task DieWhileIngestingAsync()
    {
        _pipeline.Ledger.Hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = new CancellationTokenSource();
        var sweep = Restarted().SweepAsync(host.Token);
        await _pipeline.Ledger.Hung.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await host.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep);
    }

    /// <summary>A new host's sweep (its in-memory state starts empty) over the same storage.</summary>
    private ExportSweepService Restarted() => new(
        _pipeline.Inbox, _pipeline.Imports, Ingestion, _pipeline.Get<TenantSettings>(), _pipeline.Clock,
        NullLogger<ExportSweepService>.Instance);

    private async Task<ImportRecord> WaitForAsync(Func<bool> condition)
    {
        for (var poll = 0; poll < 200 && !condition(); poll++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
        return _pipeline.Imports.All.Single();
    }

    private static ImportRecord Claim(string blobName, string etag, string? owner, DateTimeOffset? until)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SampleExports.RevenueLines)));
        return new ImportRecord
        {
            Tenant = TenantId.Parse(blobName[..blobName.IndexOf('/', StringComparison.Ordinal)]),
            ImportId = hash,
            BlobName = blobName,
            BlobETag = etag,
            ContentHash = hash,
            Status = ImportStatus.Processing,
            ReceivedAt = Now,
            Attempts = 1,
            LeaseOwner = owner,
            LeaseUntil = until,
        };
    }

    public void Dispose() => _pipeline.Dispose();
}
