using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Closes;

/// <summary>The tenant close lease: closers and reopens never interleave, and a crashed holder blocks only until expiry.</summary>
public sealed class CloseLeaseTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth March = new(2025, 3);
    private static readonly BillingMonth June = new(2025, 6);
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero));

    private MonthCloseService Closes => _pipeline.Get<MonthCloseService>();

    [Fact]
    public async Task CloseThroughAsync_LeaseHeldByAnotherCloser_BusyUntilItExpires()
    {
        await IngestSampleAsync();
        var now = _pipeline.Clock.GetUtcNow();
        Assert.NotNull(await _pipeline.Closes.TryAcquireLeaseAsync(Acme, "other-instance", now, TimeSpan.FromMinutes(5), CancellationToken.None));

        var busy = await Closes.CloseThroughAsync(Acme, June, "schedule", CancellationToken.None);
        var reopen = await Closes.ReopenAsync(Acme, March, "typo", "ops", CancellationToken.None);

        Assert.Equal((CloseOutcomeKind.Busy, CloseOutcomeKind.Busy), (busy.Kind, reopen.Kind));
        Assert.Empty(await _pipeline.Closes.ListAsync(Acme, CancellationToken.None));

        _pipeline.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var resumed = await Closes.CloseThroughAsync(Acme, June, "schedule", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Closed, resumed.Kind);
        Assert.Equal(6, resumed.ClosedNow.Count);
        Assert.Null(_pipeline.Closes.LeaseOf(Acme));
    }

    [Fact]
    public async Task CloseThroughAsync_TwoClosersAtOnce_EachMonthVersionWrittenOnce()
    {
        await IngestSampleAsync();

        var outcomes = await Task.WhenAll(
            Task.Run(() => Closes.CloseThroughAsync(Acme, June, "first", CancellationToken.None)),
            Task.Run(() => Closes.CloseThroughAsync(Acme, June, "second", CancellationToken.None)));

        Assert.Equal(6, outcomes.Sum(outcome => outcome.ClosedNow.Count));
        Assert.All(outcomes, outcome => Assert.Contains(outcome.Kind, new[] { CloseOutcomeKind.Closed, CloseOutcomeKind.Busy }));
        foreach (var month in Enumerable.Range(1, 6).Select(number => new BillingMonth(2025, number)))
        {
            var version = Assert.Single(await _pipeline.Closes.ListVersionsAsync(Acme, month, CancellationToken.None));
            Assert.Equal((1, CloseStatus.Closed), (version.Version, version.Status));
        }
    }

    [Fact]
    public async Task ReopenAsync_MonthNotClosed_NotClosedAndNothingChanges()
    {
        await IngestSampleAsync();
        await Closes.CloseThroughAsync(Acme, March, "ops", CancellationToken.None);

        var outcome = await Closes.ReopenAsync(Acme, June, "wrong month", "ops", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.NotClosed, outcome.Kind);
        Assert.Contains("2025-06", outcome.Message, StringComparison.Ordinal);
        Assert.All(await _pipeline.Closes.ListAsync(Acme, CancellationToken.None), record => Assert.Equal(CloseStatus.Closed, record.Status));
        await Assert.ThrowsAsync<ArgumentException>(() => Closes.ReopenAsync(Acme, March, "  ", "ops", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Closes.ReopenAsync(Acme, March, "\0\0\0", "ops", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Closes.ReopenAsync(Acme, March, "- -", "ops", CancellationToken.None));
    }

    [Fact]
    public async Task ReopenAsync_March_ReopensMarchToJuneOnlyAndRecloseWritesVersion2()
    {
        await IngestSampleAsync();
        await Closes.CloseThroughAsync(Acme, June, "ops", CancellationToken.None);
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(1));

        var outcome = await Closes.ReopenAsync(Acme, March, "credit note booked late", "controller", CancellationToken.None);
        var records = await _pipeline.Closes.ListAsync(Acme, CancellationToken.None);

        Assert.Equal(["2025-03", "2025-04", "2025-05", "2025-06"], outcome.ClosedNow.Select(record => record.Month.ToString()));
        Assert.Equal(
            [CloseStatus.Closed, CloseStatus.Closed, CloseStatus.Reopened, CloseStatus.Reopened, CloseStatus.Reopened, CloseStatus.Reopened],
            records.Select(record => record.Status));
        var rows = await _pipeline.Snapshots.ListAsync(Acme, null, June, CancellationToken.None);
        Assert.Equal([(1, "Closed"), (1, "Closed"), (2, "Provisional"), (2, "Provisional"), (2, "Provisional"), (2, "Provisional")],
            rows.Select(row => (row.Version, row.Status.ToString())));
        Assert.Equal(SampleExports.MrrJanuaryToAugust[..6], rows.Select(row => row.Kpis.Mrr));

        _pipeline.Clock.Advance(TimeSpan.FromMinutes(1));
        var reclose = await Closes.CloseThroughAsync(Acme, June, "controller", CancellationToken.None);

        Assert.Equal([("2025-03", 2), ("2025-04", 2), ("2025-05", 2), ("2025-06", 2)],
            reclose.ClosedNow.Select(record => (record.Month.ToString(), record.Version)));
        Assert.Equal(SampleExports.MrrJanuaryToAugust[..6],
            (await _pipeline.Snapshots.ListAsync(Acme, null, June, CancellationToken.None)).Select(row => row.Kpis.Mrr));
        var audit = await _pipeline.Audit.ListAsync(Acme, new BillingMonth(2025, 5), CancellationToken.None);
        Assert.Equal([("closed", 1, "ops"), ("reopened", 1, "controller"), ("closed", 2, "controller")],
            audit.Select(entry => (entry.Kind, entry.Version, entry.By)));
        Assert.Equal("credit note booked late", audit[1].Reason);
    }

    [Fact]
    public async Task CloseThroughAsync_DeadClosersLease_BusySaysByWhomSinceAndUntilWhen_AndBreakingItLetsTheCloseRunAndIsAudited()
    {
        await IngestSampleAsync();
        var since = _pipeline.Clock.GetUtcNow();
        var dead = "schedule on web01 (Pipeline.Functions, pid 4242), run 1a2b3c4d";
        Assert.NotNull(await _pipeline.Closes.TryAcquireLeaseAsync(Acme, dead, since, MonthCloseService.LeaseDuration, CancellationToken.None));
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(1));

        var busy = await Closes.CloseThroughAsync(Acme, June, "alice", CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Closes.BreakLeaseAsync(Acme, "\0\0", "alice", CancellationToken.None));
        var broken = await Closes.BreakLeaseAsync(Acme, "closer killed by the deploy", "alice", CancellationToken.None);
        var again = await Closes.BreakLeaseAsync(Acme, "closer killed by the deploy", "alice", CancellationToken.None);
        var closed = await Closes.CloseThroughAsync(Acme, June, "alice", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Busy, busy.Kind);
        Assert.Equal(
            $"Another close or reopen of tenant acme is running: its lease is held by {dead} since 2025-08-10 09:00:00Z, until 2025-08-10 09:05:00Z. "
            + "Try again when it has finished; if that closer is dead (its host stopped), break the lease with a reason: "
            + "DELETE /api/tenants/acme/closes/lease?reason=… or 'pipeline break-lease --tenant acme --reason …'.",
            busy.Message);
        Assert.StartsWith("Breaking the close lease needs a reason that says why in words", refused.Message, StringComparison.Ordinal);
        Assert.Equal((CloseLeaseBreakKind.Broken, dead, (BillingMonth?)new BillingMonth(2025, 7)), (broken.Kind, broken.Lease!.Holder, broken.AuditMonth));
        Assert.Equal(CloseLeaseBreakKind.NotHeld, again.Kind);
        Assert.Equal((CloseOutcomeKind.Closed, 6), (closed.Kind, closed.ClosedNow.Count));
        var entry = Assert.Single(await _pipeline.Audit.ListAsync(Acme, new BillingMonth(2025, 7), CancellationToken.None));
        Assert.Equal(
            (CloseAuditKinds.LeaseBroken, 1, since.AddMinutes(1), "alice",
                $"closer killed by the deploy (broke the close lease of {dead} since 2025-08-10 09:00:00Z, until 2025-08-10 09:05:00Z)"),
            (entry.Kind, entry.Version, entry.At, entry.By, entry.Reason));
    }

    [Fact]
    public async Task CloseThroughAsync_LeaseOfALiveCloser_BusyMessageNamesTheCloserWhoHoldsIt()
    {
        await IngestSampleAsync();
        Assert.NotNull(await _pipeline.Closes.TryAcquireLeaseAsync(Acme, LeaseHolder.New("bob"), _pipeline.Clock.GetUtcNow(), MonthCloseService.LeaseDuration, CancellationToken.None));

        var busy = await Closes.ReopenAsync(Acme, March, "late credit note", "alice", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Busy, busy.Kind);
        Assert.Contains($"its lease is held by bob on {Environment.MachineName} (", busy.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}), run ", busy.Message, StringComparison.Ordinal);
    }

    private async Task IngestSampleAsync()
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(
            _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }

    public void Dispose() => _pipeline.Dispose();
}
