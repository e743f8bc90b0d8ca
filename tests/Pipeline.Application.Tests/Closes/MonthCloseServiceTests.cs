using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Closes;

public sealed class MonthCloseServiceTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth June = new(2025, 6);
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero));

    private MonthCloseService Closes => _pipeline.Get<MonthCloseService>();

    [Fact]
    public async Task CloseThroughAsync_SampleTenant_LocksEveryMonthWithHandComputedFigures()
    {
        await IngestSampleAsync(_pipeline);

        var outcome = await Closes.CloseThroughAsync(Acme, June, "ops@example", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
        Assert.Equal(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"], outcome.ClosedNow.Select(record => record.Month.ToString()).ToArray());
        Assert.All(outcome.ClosedNow, record => Assert.Equal((1, "ops@example", CloseStatus.Closed), (record.Version, record.ClosedBy, record.Status)));
        var rows = await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None);
        Assert.Equal(SampleExports.MrrJanuaryToAugust[..7], rows.Take(7).Select(row => row.Kpis.Mrr).ToArray());
        Assert.Equal(
            [KpiStatus.Closed, KpiStatus.Closed, KpiStatus.Closed, KpiStatus.Closed, KpiStatus.Closed, KpiStatus.Closed, KpiStatus.Provisional, KpiStatus.AwaitingData],
            rows.Select(row => row.Status).ToArray());
        Assert.All(outcome.ClosedNow, record => Assert.Null(record.Warning));

        var january = rows[0].Kpis.UnitEconomics!;
        Assert.Equal((3, 0m, null, null), (rows[0].Kpis.NewCustomers, january.Spend, january.Cac, january.LtvToCac));
        var march = rows[2].Kpis;
        Assert.Equal((260m, 50m, 80m, 2, 1), (march.StartMrr, march.ExpansionMrr, march.ChurnedMrr, march.Customers, march.ChurnedCustomers));
        Assert.Equal(1m / 3m, march.CustomerChurnRate);
        var may = rows[4].Kpis;
        Assert.Equal((30m, 30m, 60m, 1, 1), (may.ContractionMrr, may.ChurnedMrr, may.ReactivationMrr, may.ReactivatedCustomers, may.ChurnedCustomers));
        var july = rows[6].Kpis;
        Assert.Equal((180m, 120m, 60m), (july.StartMrr, july.ChurnedMrr, july.Mrr));
        var juneCustomers = await _pipeline.Artifacts.ReadClosingAsync(Acme, June, 1, CancellationToken.None);
        Assert.Equal([("A", 120m), ("E", 0m), ("F", 60m)], juneCustomers!.Select(customer => (customer.CustomerId, customer.Mrr)).ToArray());
    }

    /// <summary>
    /// The open months after a close are refreshed from the snapshots the close just locked (the opening and the
    /// year-before months of NRR12/GRR12), held in memory, not read back; a refresh that reads them gives the same rows.
    /// </summary>
    [Fact]
    public async Task CloseThroughAsync_RefreshAfterIt_StartsFromTheSnapshotsItLocked_SameRowsAsReadingThem()
    {
        await IngestSampleAsync(_pipeline);

        await Closes.CloseThroughAsync(Acme, new BillingMonth(2025, 5), "ops", CancellationToken.None);
        var afterClose = await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None);
        Assert.Equal(0, _pipeline.Artifacts.ClosingReads);

        await _pipeline.Get<ProvisionalKpiService>().RefreshAsync(Acme, CancellationToken.None);

        Assert.True(_pipeline.Artifacts.ClosingReads > 0);
        Assert.Equal(afterClose, await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task CloseThroughAsync_ClosedMonthAgain_ClosesNothingAndChangesNothing()
    {
        await IngestSampleAsync(_pipeline);
        await Closes.CloseThroughAsync(Acme, June, "ops", CancellationToken.None);
        var before = await _pipeline.Snapshots.ListAsync(Acme, null, June, CancellationToken.None);
        _pipeline.Clock.Advance(TimeSpan.FromDays(1));

        var again = await Closes.CloseThroughAsync(Acme, new BillingMonth(2025, 3), "someone else", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Closed, again.Kind);
        Assert.Empty(again.ClosedNow);
        Assert.Equal(before, await _pipeline.Snapshots.ListAsync(Acme, null, June, CancellationToken.None));
        Assert.All(await _pipeline.Closes.ListAsync(Acme, CancellationToken.None), record => Assert.Equal("ops", record.ClosedBy));
    }

    [Fact]
    public async Task CloseThroughAsync_MonthNotEnded_ClosesNothing()
    {
        await IngestSampleAsync(_pipeline);

        var outcome = await Closes.CloseThroughAsync(Acme, new BillingMonth(2025, 8), "ops", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.MonthNotEnded, outcome.Kind);
        Assert.Empty(await _pipeline.Closes.ListAsync(Acme, CancellationToken.None));
    }

    [Fact]
    public async Task CloseThroughAsync_UnknownTenantOrBeforeFirstMonth_SaysSo()
    {
        await IngestSampleAsync(_pipeline);

        var unknown = await Closes.CloseThroughAsync(TenantId.Parse("nobody"), June, "ops", CancellationToken.None);
        var early = await Closes.CloseThroughAsync(Acme, new BillingMonth(2024, 12), "ops", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.NoData, unknown.Kind);
        Assert.Equal(CloseOutcomeKind.BeforeFirstMonth, early.Kind);
        Assert.Empty(await _pipeline.Closes.ListAsync(Acme, CancellationToken.None));
    }

    [Fact]
    public async Task CloseThroughAsync_StorageFailsInTheMiddle_NextRunConvergesOnTheSameState()
    {
        await IngestSampleAsync(_pipeline);
        _pipeline.Artifacts.FailOnceAt = new BillingMonth(2025, 3);

        await Assert.ThrowsAsync<IOException>(() => Closes.CloseThroughAsync(Acme, June, "ops", CancellationToken.None));
        Assert.Equal(2, (await _pipeline.Closes.ListAsync(Acme, CancellationToken.None)).Count);
        var resumed = await Closes.CloseThroughAsync(Acme, June, "ops", CancellationToken.None);

        using var clean = new PipelineHarness(_pipeline.Clock.GetUtcNow());
        await IngestSampleAsync(clean);
        await clean.Get<MonthCloseService>().CloseThroughAsync(Acme, June, "ops", CancellationToken.None);
        Assert.Equal(["2025-03", "2025-04", "2025-05", "2025-06"], resumed.ClosedNow.Select(record => record.Month.ToString()).ToArray());
        Assert.Equal(
            (await clean.Snapshots.ListAsync(Acme, null, null, CancellationToken.None)).Select(row => (row.Kpis, row.Status)),
            (await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None)).Select(row => (row.Kpis, row.Status)));
    }

    [Theory]
    [InlineData(2, "2025-06")]
    [InlineData(4, "2025-07")]
    public async Task CloseDueMonthsAsync_CloseLagOfThreeDays_ClosesThroughTheLatestDueMonth(int augustDay, string expectedLast)
    {
        using var pipeline = new PipelineHarness(new DateTimeOffset(2025, 8, augustDay, 12, 0, 0, TimeSpan.Zero));
        await IngestSampleAsync(pipeline);

        var outcomes = await pipeline.Get<MonthCloseService>().CloseDueMonthsAsync("schedule", CancellationToken.None);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(expectedLast, outcome.ClosedNow[^1].Month.ToString());
        Assert.All(outcome.ClosedNow, record => Assert.Equal("schedule", record.ClosedBy));
    }

    private static async Task IngestSampleAsync(PipelineHarness pipeline)
    {
        var record = await pipeline.Get<ExportIngestionService>().IngestAsync(
            pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }

    public void Dispose() => _pipeline.Dispose();
}
