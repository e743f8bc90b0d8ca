using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Closes;

/// <summary>
/// After a close, the open months are refreshed from its locks unless the last refresh already computed them from the
/// same ledger and close records in the same current month: then they are kept as stored.
/// </summary>
/// <remarks>
/// S pays 100 a month (basic) from January through April 2025, R 50 a month (pro) from February through March (it
/// churns in April); the data horizon is April 1 (the latest service start). By hand, with January and February
/// closed: March starts at 150 (S 100 + R 50) and ends at 150; April, measured at April 1, starts at 150 and ends at
/// 100 (R churned, 50).
/// </remarks>
public sealed class CloseKeepsOpenMonthsTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth February = new(2025, 2);
    private static readonly BillingMonth March = new(2025, 3);
    private static readonly BillingMonth April = new(2025, 4);
    private static readonly BillingMonth May = new(2025, 5);
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 4, 20, 9, 0, 0, TimeSpan.Zero));

    private const string Export =
        "line_id,invoice_id,customer_id,subscription_id,plan,line_type,amount,discount,tax,currency,interval,interval_count,service_start,service_end,status\n"
        + "s1,in_s1,S,sub_s,basic,recurring,100.00,0,0,EUR,month,1,2025-01-01,2025-02-01,paid\n"
        + "s2,in_s2,S,sub_s,basic,recurring,100.00,0,0,EUR,month,1,2025-02-01,2025-03-01,paid\n"
        + "s3,in_s3,S,sub_s,basic,recurring,100.00,0,0,EUR,month,1,2025-03-01,2025-04-01,paid\n"
        + "s4,in_s4,S,sub_s,basic,recurring,100.00,0,0,EUR,month,1,2025-04-01,2025-05-01,paid\n"
        + "r1,in_r1,R,sub_r,pro,recurring,50.00,0,0,EUR,month,1,2025-02-01,2025-03-01,paid\n"
        + "r2,in_r2,R,sub_r,pro,recurring,50.00,0,0,EUR,month,1,2025-03-01,2025-04-01,paid\n";

    private MonthCloseService Closes => _pipeline.Get<MonthCloseService>();

    [Fact]
    public async Task Close_AfterTheImportsRefreshOfTheSameLedger_KeepsTheOpenMonthsAsARefreshWouldWriteThem()
    {
        await IngestAsync();
        var before = await OpenMonthsAsync();
        _pipeline.Clock.Advance(TimeSpan.FromHours(1));
        var lists = _pipeline.Snapshots.Lists;

        var outcome = await Closes.CloseThroughAsync(Acme, February, "ops", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
        Assert.Equal(2, outcome.ClosedNow.Count);
        // The close's own run listed the rows once; a refresh would have listed them twice more.
        Assert.Equal(lists + 1, _pipeline.Snapshots.Lists);
        var kept = await OpenMonthsAsync();
        Assert.Equal(before, kept);
        Assert.Equal(
            [(KpiStatus.Provisional, 150m, 0m, 150m), (KpiStatus.Provisional, 150m, 50m, 100m)],
            kept.Select(row => (row.Status, row.Kpis.StartMrr, row.Kpis.ChurnedMrr, row.Kpis.Mrr)));

        // What a refresh from the locks computes is what was kept: it writes nothing (each row keeps its time).
        _pipeline.Clock.Advance(TimeSpan.FromHours(1));
        await _pipeline.Get<ProvisionalKpiService>().RefreshAsync(Acme, CancellationToken.None);
        Assert.Equal(before, await OpenMonthsAsync());
    }

    [Fact]
    public async Task Close_InANewCurrentMonthSinceTheLastRefresh_RefreshesAndWritesTheNewMonth()
    {
        await IngestAsync();
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 5, 3, 9, 0, 0, TimeSpan.Zero));
        var lists = _pipeline.Snapshots.Lists;

        await Closes.CloseThroughAsync(Acme, February, "ops", CancellationToken.None);

        Assert.Equal(lists + 3, _pipeline.Snapshots.Lists);
        var may = (await _pipeline.Snapshots.FindAsync(Acme, May, CancellationToken.None))!;
        Assert.Equal(KpiStatus.AwaitingData, may.Status);
    }

    [Fact]
    public async Task Close_MonthByMonth_EachKeepsTheOpenMonthsTheLastRefreshWrote()
    {
        await IngestAsync();
        var before = await OpenMonthsAsync();
        var lists = _pipeline.Snapshots.Lists;

        await Closes.CloseThroughAsync(Acme, new BillingMonth(2025, 1), "ops", CancellationToken.None);
        await Closes.CloseThroughAsync(Acme, February, "ops", CancellationToken.None);

        Assert.Equal(lists + 2, _pipeline.Snapshots.Lists);
        Assert.Equal(before, await OpenMonthsAsync());
        await _pipeline.Get<ProvisionalKpiService>().RefreshAsync(Acme, CancellationToken.None);
        Assert.Equal(before, await OpenMonthsAsync());
    }

    [Fact]
    public async Task Close_AfterARefreshThatDidNotComplete_RefreshesFromTheLocks()
    {
        await IngestAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _pipeline.Get<ProvisionalKpiService>().RefreshAsync(Acme, cancelled.Token));
        var lists = _pipeline.Snapshots.Lists;

        await Closes.CloseThroughAsync(Acme, February, "ops", CancellationToken.None);

        Assert.Equal(lists + 3, _pipeline.Snapshots.Lists);
        Assert.Equal((150m, 150m), ((await OpenMonthsAsync())[0].Kpis.StartMrr, (await OpenMonthsAsync())[0].Kpis.Mrr));
    }

    public void Dispose() => _pipeline.Dispose();

    private async Task<List<KpiSnapshot>> OpenMonthsAsync() =>
    [
        (await _pipeline.Snapshots.FindAsync(Acme, March, CancellationToken.None))!,
        (await _pipeline.Snapshots.FindAsync(Acme, April, CancellationToken.None))!,
    ];

    private async Task IngestAsync()
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put("acme/lines.csv", Export), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
