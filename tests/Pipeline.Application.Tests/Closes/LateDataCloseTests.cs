using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Closes;

/// <summary>METRICS.md Ex15, late data: exactly as written there.</summary>
/// <remarks>
/// January is closed on Feb 3 with customer S locked at 100 (line Jan 1–Feb 1, invoice in_s1) and no customer R.
/// On Feb 20 R's lines arrive (Jan 10–Feb 10 and Feb 10–Mar 10 at 70) and S's January invoice is voided.
/// By hand, the February close against the locked January: start 100; R New 70, late, effective Jan 10 (the start of
/// the line that now covers the end of January); S Churn 100, late, effective Jan 1 (a void: the locked month's
/// start); end February = 100 + 70 − 100 = 70 (R's second line). January stays 100, version 1; its restatement delta
/// is 70 − 100 = −30. A reopen of January and a re-close give January version 2 at 70 (R only), and February
/// version 2 against it: no late rows, start 70, R unchanged, end 70.
/// </remarks>
public sealed class LateDataCloseTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth January = new(2025, 1);
    private static readonly BillingMonth February = new(2025, 2);
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private const string JanuaryExport =
        """
        line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end
        s1,S,in_s1,sub_s,100.00,EUR,month,2025-01-01,2025-02-01

        """;

    private const string LateExport =
        """
        line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end
        r1,R,in_r1,sub_r,70.00,EUR,month,2025-01-10,2025-02-10
        r2,R,in_r2,sub_r,70.00,EUR,month,2025-02-10,2025-03-10

        """;

    private MonthCloseService Closes => _pipeline.Get<MonthCloseService>();

    [Fact]
    public async Task FebruaryClose_LateDataForLockedJanuary_FlaggedInFebruaryAndRestatementAudited()
    {
        await CloseJanuaryThenReceiveLateDataAsync();
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 3, 3, 6, 0, 0, TimeSpan.Zero));

        var outcome = await Closes.CloseThroughAsync(Acme, February, "schedule", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
        Assert.Equal(["2025-02"], outcome.ClosedNow.Select(record => record.Month.ToString()));
        var february = (await _pipeline.Snapshots.FindAsync(Acme, February, CancellationToken.None))!;
        Assert.Equal((KpiStatus.Closed, 1), (february.Status, february.Version));
        Assert.Equal((100m, 70m, 100m, 70m), (february.Kpis.StartMrr, february.Kpis.NewMrr, february.Kpis.ChurnedMrr, february.Kpis.Mrr));
        var movements = (await _pipeline.Artifacts.ReadMovementsAsync(Acme, February, 1, CancellationToken.None))!;
        Assert.Equal(
            [
                ("R", MovementType.New, 70m, true, (DateOnly?)new DateOnly(2025, 1, 10)),
                ("S", MovementType.Churn, 100m, true, (DateOnly?)new DateOnly(2025, 1, 1)),
            ],
            movements.Select(movement => (movement.CustomerId, movement.Type, movement.Amount, movement.Late, movement.EffectiveDate)));

        var january = (await _pipeline.Snapshots.FindAsync(Acme, January, CancellationToken.None))!;
        Assert.Equal((KpiStatus.Closed, 1, 100m), (january.Status, january.Version, january.Kpis.Mrr));
        var restatement = Assert.Single(await _pipeline.Audit.ListAsync(Acme, January, CancellationToken.None),
            entry => entry.Kind == CloseAuditKinds.Restatement);
        Assert.Equal((1, -30m, "schedule"), (restatement.Version, restatement.MrrDelta, restatement.By));
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 6, 0, 0, TimeSpan.Zero), restatement.At);

        var state = await Closes.StateAsync(Acme, January, CancellationToken.None);
        Assert.Equal((CloseStatus.Closed, 1, -30m), (state.Status, state.Version, state.PendingRestatementDelta));
        Assert.Equal([CloseAuditKinds.Closed, CloseAuditKinds.Restatement], state.Audit.Select(entry => entry.Kind));
    }

    [Fact]
    public async Task ProvisionalFebruary_AfterLateImport_AlreadyShowsTheLateRows()
    {
        await CloseJanuaryThenReceiveLateDataAsync();

        var february = (await _pipeline.Snapshots.FindAsync(Acme, February, CancellationToken.None))!;
        var movements = (await _pipeline.Artifacts.ReadProvisionalMovementsAsync(Acme, February, CancellationToken.None))!;

        Assert.Equal((KpiStatus.Provisional, 70m), (february.Status, february.Kpis.Mrr));
        Assert.Null(await _pipeline.Artifacts.ReadMovementsAsync(Acme, February, 1, CancellationToken.None));
        Assert.Equal([("R", true), ("S", true)], movements.Select(movement => (movement.CustomerId, movement.Late)));
        Assert.DoesNotContain(await _pipeline.Audit.ListAsync(Acme, null, CancellationToken.None), entry => entry.Kind == CloseAuditKinds.Restatement);
    }

    [Fact]
    public async Task ReopenJanuaryAndReclose_Version2HasTheRestatedFiguresAndVersion1StaysReadable()
    {
        await CloseJanuaryThenReceiveLateDataAsync();
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 3, 3, 6, 0, 0, TimeSpan.Zero));
        await Closes.CloseThroughAsync(Acme, February, "schedule", CancellationToken.None);
        _pipeline.Clock.Advance(TimeSpan.FromHours(1));

        var reopen = await Closes.ReopenAsync(Acme, January, "R's January invoice was missing", "controller@acme", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Reopened, reopen.Kind);
        Assert.Equal([("2025-01", CloseStatus.Reopened, 1), ("2025-02", CloseStatus.Reopened, 1)],
            reopen.ClosedNow.Select(record => (record.Month.ToString(), record.Status, record.Version)));
        var provisional = await _pipeline.Snapshots.ListAsync(Acme, January, February, CancellationToken.None);
        Assert.Equal([(KpiStatus.Provisional, 2, 70m), (KpiStatus.Provisional, 2, 70m)],
            provisional.Select(row => (row.Status, row.Version, row.Kpis.Mrr)));
        var reopenedState = await Closes.StateAsync(Acme, January, CancellationToken.None);
        Assert.Equal((CloseStatus.Reopened, 2, (decimal?)null), (reopenedState.Status, reopenedState.Version, reopenedState.PendingRestatementDelta));
        var reopened = reopenedState.Audit.Single(entry => entry.Kind == CloseAuditKinds.Reopened);
        Assert.Equal(("controller@acme", "R's January invoice was missing", 1), (reopened.By, reopened.Reason, reopened.Version));

        _pipeline.Clock.Advance(TimeSpan.FromHours(1));
        var reclose = await Closes.CloseThroughAsync(Acme, February, "controller@acme", CancellationToken.None);

        Assert.Equal([("2025-01", 2), ("2025-02", 2)], reclose.ClosedNow.Select(record => (record.Month.ToString(), record.Version)));
        var januaryVersions = await _pipeline.Snapshots.ListVersionsAsync(Acme, January, CancellationToken.None);
        Assert.Equal([(1, 100m), (2, 70m)], januaryVersions.Select(row => (row.Version, row.Kpis.Mrr)));
        var february2 = (await _pipeline.Snapshots.FindVersionAsync(Acme, February, 2, CancellationToken.None))!.Kpis;
        Assert.Equal((70m, 0m, 0m, 70m), (february2.StartMrr, february2.NewMrr, february2.ChurnedMrr, february2.Mrr));
        Assert.Empty((await _pipeline.Artifacts.ReadMovementsAsync(Acme, February, 2, CancellationToken.None))!);
        Assert.Equal(100m, (await _pipeline.Snapshots.FindVersionAsync(Acme, February, 1, CancellationToken.None))!.Kpis.StartMrr);

        var state = await Closes.StateAsync(Acme, January, CancellationToken.None);
        Assert.Equal((CloseStatus.Closed, 2, (decimal?)null), (state.Status, state.Version, state.PendingRestatementDelta));
        Assert.Equal([(1, CloseStatus.Reopened), (2, CloseStatus.Closed)], state.Versions.Select(record => (record.Version, record.Status)));
        Assert.Equal(
            [CloseAuditKinds.Closed, CloseAuditKinds.Restatement, CloseAuditKinds.Reopened, CloseAuditKinds.Closed],
            state.Audit.Select(entry => entry.Kind));
    }

    /// <summary>
    /// S cancelled on Jan 20 with a prorated credit (−38.71 unused time, Jan 20–Feb 1, subscription sub_s) that arrives
    /// only on Feb 20, after January was closed with S at 100. The credit ends S's January line from Jan 20, so the
    /// February close flags S Churn 100 late with the credit's date as its effective date (not the month's first day,
    /// as for a void), and January's restatement delta is −100.
    /// </summary>
    [Fact]
    public async Task FebruaryClose_LateUnusedTimeCreditForLockedJanuary_ChurnLateFromTheCreditsStart()
    {
        await IngestAsync("acme/january.csv", JanuaryExport);
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 2, 3, 6, 0, 0, TimeSpan.Zero));
        await Closes.CloseThroughAsync(Acme, January, "schedule", CancellationToken.None);
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 2, 20, 10, 0, 0, TimeSpan.Zero));
        await IngestAsync("acme/credit.csv",
            """
            line_id,customer_id,invoice_id,subscription_id,line_type,amount,currency,interval,service_start,service_end
            s1-credit,S,in_s1c,sub_s,proration,-38.71,EUR,month,2025-01-20,2025-02-01

            """);
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 3, 3, 6, 0, 0, TimeSpan.Zero));

        await Closes.CloseThroughAsync(Acme, February, "schedule", CancellationToken.None);

        var movements = (await _pipeline.Artifacts.ReadMovementsAsync(Acme, February, 1, CancellationToken.None))!;
        Assert.Equal(
            [("S", MovementType.Churn, 100m, true, (DateOnly?)new DateOnly(2025, 1, 20))],
            movements.Select(movement => (movement.CustomerId, movement.Type, movement.Amount, movement.Late, movement.EffectiveDate)));
        var restatement = Assert.Single(await _pipeline.Audit.ListAsync(Acme, January, CancellationToken.None),
            entry => entry.Kind == CloseAuditKinds.Restatement);
        Assert.Equal(-100m, restatement.MrrDelta);
    }

    /// <summary>January closed on Feb 3 (S 100); on Feb 20 R's lines arrive and S's January invoice is voided.</summary>
    private async Task CloseJanuaryThenReceiveLateDataAsync()
    {
        await IngestAsync("acme/january.csv", JanuaryExport);
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 2, 3, 6, 0, 0, TimeSpan.Zero));
        var january = await Closes.CloseThroughAsync(Acme, January, "schedule", CancellationToken.None);
        Assert.Equal([("2025-01", 100m, 1)], january.ClosedNow.Select(record => (record.Month.ToString(), record.Mrr, record.Customers)));

        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2025, 2, 20, 10, 0, 0, TimeSpan.Zero));
        AddVoidOfJanuaryInvoice();
        await IngestAsync("acme/late.csv", LateExport);
    }

    private async Task IngestAsync(string name, string content)
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }

    /// <summary>An accepted import holding only the void record of in_s1 (no parser emits bare invoice records yet).</summary>
    private void AddVoidOfJanuaryInvoice()
    {
        var now = _pipeline.Clock.GetUtcNow();
        var batch = new LedgerBatch([], [])
        {
            Documents = [new InvoiceDocument { InvoiceId = "in_s1", CustomerId = "S", Status = DocumentStatus.Void, StatusChangedAt = now }],
        };
        _pipeline.Ledger.WriteAsync(Acme, "invoices", batch, CancellationToken.None).GetAwaiter().GetResult();
        _pipeline.Imports.SaveAsync(
            new ImportRecord
            {
                Tenant = Acme,
                ImportId = "invoices",
                BlobName = "acme/invoices.csv",
                BlobETag = "\"0x1\"",
                ContentHash = "invoices",
                Status = ImportStatus.Accepted,
                ReceivedAt = now,
                CompletedAt = now,
            },
            CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _pipeline.Dispose();
}
