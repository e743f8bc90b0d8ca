using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Kpis;

/// <summary>
/// An honest current month (issue 11, item 3): exports through November dropped on December 6. November is measured
/// at the data horizon, December awaits data, and closing November warns.
/// </summary>
public sealed class DataHorizonTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly DateTimeOffset Horizon = new(2025, 11, 24, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A 100/mo on the 1st; B 200/mo on the 15th (its December invoice is not due yet); C 50 in October only; D weekly
    /// 30 (130.00 a month), last week Nov 24–Dec 1, issued Nov 24: the latest date the exports cover; E 60/mo on the
    /// 28th, whose renewal of Nov 28 lies after the horizon.
    /// </summary>
    private const string ThroughNovember =
        """
        line_id,customer_id,subscription_id,amount,currency,interval,service_start,service_end,issued_at
        a1,A,sub_a,100.00,EUR,month,2025-10-01,2025-11-01,2025-10-01
        a2,A,sub_a,100.00,EUR,month,2025-11-01,2025-12-01,2025-11-01
        b1,B,sub_b,200.00,EUR,month,2025-10-15,2025-11-15,2025-10-15
        b2,B,sub_b,200.00,EUR,month,2025-11-15,2025-12-15,2025-11-15
        c1,C,sub_c,50.00,EUR,month,2025-10-01,2025-11-01,2025-10-01
        d1,D,sub_d,30.00,EUR,week,2025-11-17,2025-11-24,2025-11-17
        d2,D,sub_d,30.00,EUR,week,2025-11-24,2025-12-01,2025-11-24
        e1,E,sub_e,60.00,EUR,month,2025-10-28,2025-11-28,2025-10-28

        """;

    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 12, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Ingest_ExportsThroughNovember_NovemberAsOfTheHorizonAndDecemberAwaitingData()
    {
        await IngestAsync();

        var rows = await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None);

        Assert.Equal(["2025-10", "2025-11", "2025-12"], rows.Select(row => row.Kpis.Month.ToString()).ToArray());
        Assert.Equal(
            [(KpiStatus.Provisional, (DateTimeOffset?)null), (KpiStatus.Provisional, Horizon), (KpiStatus.AwaitingData, Horizon)],
            rows.Select(row => (row.Status, row.AsOf)).ToArray());
        Assert.Equal((410m, 4), (rows[0].Kpis.Mrr, rows[0].Kpis.Customers));

        // At Nov 24 A, B, D and E pay (E's line runs to Nov 28); C's October line ended: 100 + 200 + 130 + 60 = 490.
        var november = rows[1].Kpis;
        Assert.Equal((410m, 490m, 130m, 50m, 4), (november.StartMrr, november.Mrr, november.NewMrr, november.ChurnedMrr, november.Customers));

        // An open month stores the snapshot rows of its movers only (C churned, D new), not every customer.
        var stored = await _pipeline.Artifacts.ReadProvisionalClosingAsync(Acme, new BillingMonth(2025, 11), CancellationToken.None);
        Assert.Equal(["C", "D"], stored!.Select(row => row.CustomerId).ToArray());
        Assert.Empty((await _pipeline.Artifacts.ReadProvisionalMovementsAsync(Acme, new BillingMonth(2025, 12), CancellationToken.None))!);
    }

    [Fact]
    public async Task CloseThroughNovember_EndAfterTheHorizon_ClosedAtTheMonthEndWithAWarning()
    {
        await IngestAsync();

        var outcome = await _pipeline.Get<MonthCloseService>().CloseThroughAsync(Acme, new BillingMonth(2025, 11), "ops", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
        var (october, november) = (outcome.ClosedNow[0], outcome.ClosedNow[1]);
        Assert.Equal((410m, (string?)null), (october.Mrr, october.Warning));

        // The close measures at T_Nov: E's line ended Nov 28 with no renewal in the ledger, so A, B and D count.
        Assert.Equal((430m, Horizon), (november.Mrr, november.DataHorizon));
        Assert.Equal(
            "2025-11 ends after the data horizon 2025-11-24 00:00 (UTC), the latest date the exports cover: lines that end after it and have no renewal in the ledger count as ended. Renewals exported later arrive as late data in the next open month (or reopen 2025-11 to restate it).",
            november.Warning);
        var rows = await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None);
        Assert.Equal(
            [(KpiStatus.Closed, (DateTimeOffset?)null), (KpiStatus.Closed, null), (KpiStatus.AwaitingData, Horizon)],
            rows.Select(row => (row.Status, row.AsOf)).ToArray());
    }

    private async Task IngestAsync()
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(
            _pipeline.Inbox.Put("acme/revenue.csv", ThroughNovember), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }

    public void Dispose() => _pipeline.Dispose();
}
