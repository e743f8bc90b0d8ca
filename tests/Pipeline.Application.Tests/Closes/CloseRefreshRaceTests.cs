using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Movements;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Closes;

/// <summary>A provisional refresh (an accepted import) that runs in the middle of a close never changes what the close commits.</summary>
/// <remarks>
/// The close of January reads a ledger with S only (basic, 100 a month from Jan 1). While it runs, an import of R
/// (pro, 70 a month from Jan 10) is accepted and refreshes the open months, January included (its record is not
/// inserted yet). By hand: the committed January version 1 is the close's: MRR 100, snapshot [S 100], drill-down
/// [S New 100], plan rows {basic 100}, cohort cell (Jan, Jan, 1 customer, 100). The refresh's January (S 100 +
/// R 70 = 170) stays in the provisional folder, which nobody reads for a closed month. February stays open and
/// provisional from the current ledger, against the locked January: start 100, R New 70 (late, effective Jan 10),
/// MRR 170.
/// </remarks>
public sealed class CloseRefreshRaceTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth January = new(2025, 1);
    private static readonly BillingMonth February = new(2025, 2);
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private const string Header =
        "line_id,invoice_id,customer_id,subscription_id,plan,line_type,amount,discount,tax,currency,interval,interval_count,service_start,service_end,status\n";

    private const string SExport = Header
        + "s1,in_s1,S,sub_s,basic,recurring,100.00,0,0,EUR,month,1,2025-01-01,2025-02-01,paid\n"
        + "s2,in_s2,S,sub_s,basic,recurring,100.00,0,0,EUR,month,1,2025-02-01,2025-03-01,paid\n";

    private const string RExport = Header
        + "r1,in_r1,R,sub_r,pro,recurring,70.00,0,0,EUR,month,1,2025-01-10,2025-02-10,paid\n"
        + "r2,in_r2,R,sub_r,pro,recurring,70.00,0,0,EUR,month,1,2025-02-10,2025-03-10,paid\n";

    private MonthCloseService Closes => _pipeline.Get<MonthCloseService>();

    [Fact]
    public async Task Close_ImportRefreshesBetweenTheArtifactWriteAndTheRecord_CommittedVersionKeepsTheClosesSnapshot()
    {
        await IngestAsync("acme/s.csv", SExport);
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 2, 5, 6, 0, 0, TimeSpan.Zero));
        var interleaved = false;
        _pipeline.Artifacts.AfterVersionWriteOnce = async (tenant, month, version) =>
        {
            Assert.Equal((Acme, January, 1), (tenant, month, version));
            Assert.Empty(await _pipeline.Closes.ListAsync(Acme, CancellationToken.None));
            await IngestAsync("acme/r.csv", RExport);
            interleaved = true;
        };

        var outcome = await Closes.CloseThroughAsync(Acme, January, "schedule", CancellationToken.None);

        Assert.True(interleaved);
        // The refresh did run on the late ledger while January was still open: its figures are in the provisional folder.
        var refreshed = (await _pipeline.Artifacts.ReadProvisionalClosingAsync(Acme, January, CancellationToken.None))!;
        Assert.Equal([("R", 70m), ("S", 100m)], refreshed.Select(customer => (customer.CustomerId, customer.Mrr)).OrderBy(pair => pair.CustomerId));
        await AssertJanuaryIsTheClosesAsync(outcome);

        var february = (await _pipeline.Snapshots.FindAsync(Acme, February, CancellationToken.None))!;
        Assert.Equal((KpiStatus.Provisional, 1), (february.Status, february.Version));
        Assert.Equal((100m, 70m, 0m, 170m), (february.Kpis.StartMrr, february.Kpis.NewMrr, february.Kpis.ChurnedMrr, february.Kpis.Mrr));
        var drillDown = (await _pipeline.Get<MovementQueryService>().FindAsync(Acme, February, CancellationToken.None))!;
        Assert.Equal(
            [("R", MovementType.New, 70m, true, (DateOnly?)new DateOnly(2025, 1, 10))],
            drillDown.Movements.Where(movement => movement.Amount != 0m)
                .Select(movement => (movement.CustomerId, movement.Type, movement.Amount, movement.Late, movement.EffectiveDate)));
    }

    [Fact]
    public async Task Close_ImportRefreshesAfterTheClosedHeadlineRow_SegmentsAndCohortCellsStayTheClosesToo()
    {
        await IngestAsync("acme/s.csv", SExport);
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 2, 5, 6, 0, 0, TimeSpan.Zero));
        var interleaved = false;
        _pipeline.Snapshots.AfterClosedWriteOnce = async (tenant, month) =>
        {
            Assert.Equal((Acme, January), (tenant, month));
            await IngestAsync("acme/r.csv", RExport);
            interleaved = true;
        };

        var outcome = await Closes.CloseThroughAsync(Acme, January, "schedule", CancellationToken.None);

        Assert.True(interleaved);
        await AssertJanuaryIsTheClosesAsync(outcome);
        Assert.Equal(170m, (await _pipeline.Snapshots.FindAsync(Acme, February, CancellationToken.None))!.Kpis.Mrr);
    }

    public void Dispose() => _pipeline.Dispose();

    private async Task AssertJanuaryIsTheClosesAsync(CloseOutcome outcome)
    {
        var none = CancellationToken.None;
        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
        var record = Assert.Single(outcome.ClosedNow);
        Assert.Equal((January, 1, 100m, 1), (record.Month, record.Version, record.Mrr, record.Customers));

        var closing = (await _pipeline.Artifacts.ReadClosingAsync(Acme, January, 1, none))!;
        Assert.Equal([("S", 100m)], closing.Select(customer => (customer.CustomerId, customer.Mrr)));
        var movements = (await _pipeline.Artifacts.ReadMovementsAsync(Acme, January, 1, none))!;
        Assert.Equal([("S", MovementType.New, 100m)], movements.Select(movement => (movement.CustomerId, movement.Type, movement.Amount)));

        var headline = (await _pipeline.Snapshots.FindAsync(Acme, January, none))!;
        Assert.Equal((KpiStatus.Closed, 1, 100m), (headline.Status, headline.Version, headline.Kpis.Mrr));
        var drillDown = (await _pipeline.Get<MovementQueryService>().FindAsync(Acme, January, none))!;
        Assert.Equal([("S", 100m)], drillDown.Movements.Select(movement => (movement.CustomerId, movement.Amount)));
        Assert.Equal(["S"], drillDown.Customers.Keys);

        var plans = await _pipeline.Snapshots.ListSegmentsAsync(Acme, "plan", January, January, none);
        Assert.Equal([("basic", 100m, KpiStatus.Closed, 1)], plans.Select(row => (row.Segment.Value, row.Segment.Kpis.Mrr, row.Status, row.Version)));
        var cells = (await _pipeline.Snapshots.ListCohortCellsAsync(Acme, none)).Where(cell => cell.Month == January);
        Assert.Equal([new CohortCell(January, January, 1, 100m)], cells);
    }

    private async Task IngestAsync(string name, string content)
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
