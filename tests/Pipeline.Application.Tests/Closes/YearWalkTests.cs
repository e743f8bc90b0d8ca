using System.Globalization;
using System.Text;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Movements;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Closes;

/// <summary>
/// Issue 5's acceptance walk: tenant acme through 2025 on a fake clock, driven like production (exports dropped and
/// ingested, the daily close schedule, a controller closing, reopening and re-closing), ending with every month's
/// status, versions, figures, movement drill-down and audit trail checked against the hand-computed table below.
/// </summary>
/// <remarks>
/// <para>
/// Calendar: UTC, <c>CloseLagDays</c> 3, the close job daily at 02:00 (month m is due at 00:00 on day 4 of m+1).
/// The billing export of month m (every invoice line whose service starts in m) is dropped on the 1st at 06:00.
/// </para>
/// <para>
/// Customers (monthly lines, EUR): C 200 every month from the 1st; S 100 in January only (invoice in_s1); R 70 from
/// the 10th (Jan 10–Feb 10, Feb 10–Mar 10, …, Dec 10–Jan 10), but R's January and February lines are missing from
/// the exports and arrive late; D 50 from March, 80 from June, nothing in September and October, back at 80 in
/// November; E 120 from May, 90 from August.
/// </para>
/// <para>
/// Events (METRICS.md Ex15 for January): the controller closes January on Feb 3 at 09:00 (S 100 locked, no R); the
/// Feb 4 run finds nothing due. On Feb 20 R's lines arrive at 10:00 (pending January delta +70) and a Stripe invoices
/// export voiding in_s1 at 10:30 (pending −30). The Mar 4 run closes February against the locked January: R New 70
/// late (effective Jan 10), S Churn 100 late (effective Jan 1), end February = 300 + 70 − 100 = 270, and January's
/// restatement −30 goes to the audit trail while January stays 300. On Mar 10 at 14:00 the controller reopens
/// January (and so February) with a reason and re-closes January at 16:00 (version 2); the Mar 11 run re-closes
/// February (version 2, no late rows). The Apr 4 run is missed (outage): March stays open until the Apr 5 run. From
/// then on every month closes on day 4 of the next one; December on 2026-01-04.
/// </para>
/// <para>By hand (MRR at each month end; movements against the previous locked month):</para>
/// <code>
/// month    v  start  new  exp  react  contr  churn   MRR  cust  movements
/// 2025-01  1      0  300    0      0      0      0   300     2  C New 200, S New 100          (read with ?version=1)
/// 2025-01  2      0  270    0      0      0      0   270     2  C New 200, R New 70
/// 2025-02  1    300   70    0      0      0    100   270     2  R New 70 late Jan 10, S Churn 100 late Jan 1 (?version=1)
/// 2025-02  2    270    0    0      0      0      0   270     2  —
/// 2025-03  1    270   50    0      0      0      0   320     3  D New 50
/// 2025-04  1    320    0    0      0      0      0   320     3  —
/// 2025-05  1    320  120    0      0      0      0   440     4  E New 120
/// 2025-06  1    440    0   30      0      0      0   470     4  D Expansion 30
/// 2025-07  1    470    0    0      0      0      0   470     4  —
/// 2025-08  1    470    0    0      0     30      0   440     4  E Contraction 30
/// 2025-09  1    440    0    0      0      0     80   360     3  D Churn 80
/// 2025-10  1    360    0    0      0      0      0   360     3  —
/// 2025-11  1    360    0    0     80      0      0   440     4  D Reactivation 80
/// 2025-12  1    440    0    0      0      0      0   440     4  —
/// </code>
/// </remarks>
public sealed class YearWalkTests : IDisposable
{
    private const string Controller = "controller@acme";
    private const string Schedule = "schedule";
    private const string ReopenReason = "R's January invoices were missing from the January export";

    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth January = new(2025, 1);
    private static readonly BillingMonth February = new(2025, 2);
    private static readonly BillingMonth March = new(2025, 3);
    private static readonly DateOnly MissedRun = new(2025, 4, 4);

    /// <summary>The final state of every month of 2025, from the table in the remarks.</summary>
    private static readonly MonthFigures[] FinalFigures =
    [
        new("2025-01", 2, 0m, 270m, 0m, 0m, 0m, 0m, 270m, 2, [("C", MovementType.New, 200m), ("R", MovementType.New, 70m)]),
        new("2025-02", 2, 270m, 0m, 0m, 0m, 0m, 0m, 270m, 2, []),
        new("2025-03", 1, 270m, 50m, 0m, 0m, 0m, 0m, 320m, 3, [("D", MovementType.New, 50m)]),
        new("2025-04", 1, 320m, 0m, 0m, 0m, 0m, 0m, 320m, 3, []),
        new("2025-05", 1, 320m, 120m, 0m, 0m, 0m, 0m, 440m, 4, [("E", MovementType.New, 120m)]),
        new("2025-06", 1, 440m, 0m, 30m, 0m, 0m, 0m, 470m, 4, [("D", MovementType.Expansion, 30m)]),
        new("2025-07", 1, 470m, 0m, 0m, 0m, 0m, 0m, 470m, 4, []),
        new("2025-08", 1, 470m, 0m, 0m, 0m, 30m, 0m, 440m, 4, [("E", MovementType.Contraction, 30m)]),
        new("2025-09", 1, 440m, 0m, 0m, 0m, 0m, 80m, 360m, 3, [("D", MovementType.Churn, 80m)]),
        new("2025-10", 1, 360m, 0m, 0m, 0m, 0m, 0m, 360m, 3, []),
        new("2025-11", 1, 360m, 0m, 0m, 80m, 0m, 0m, 440m, 4, [("D", MovementType.Reactivation, 80m)]),
        new("2025-12", 1, 440m, 0m, 0m, 0m, 0m, 0m, 440m, 4, []),
    ];

    private readonly PipelineHarness _pipeline = new(
        new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string?> { ["Pipeline:BusinessTimeZone"] = "UTC", ["Pipeline:CloseLagDays"] = "3" });

    /// <summary>Every close as it happened: month, version, when, by whom.</summary>
    private readonly List<(string Month, int Version, DateTimeOffset At, string By)> _closeLog = [];

    private MonthCloseService Closes => _pipeline.Get<MonthCloseService>();

    [Fact]
    public async Task Year2025_OnTimeExportsLateJanuaryMissedRunReopenAndReclose_EveryMonthAsComputedByHand()
    {
        for (var day = new DateOnly(2025, 1, 1); day <= new DateOnly(2026, 1, 5); day = day.AddDays(1))
        {
            if (day != MissedRun)
            {
                await ScheduledCloseAsync(day);
            }

            if (day.Year == 2025 && day.Day == 1)
            {
                await IngestAsync(At(day, 6), $"acme/billing-{day:yyyy-MM}.csv", MonthlyExport(day.Month));
            }

            await EventsOfAsync(day);
        }

        Assert.Equal(
            [
                ("2025-01", 1, At(new DateOnly(2025, 2, 3), 9), Controller),
                ("2025-02", 1, At(new DateOnly(2025, 3, 4), 2), Schedule),
                ("2025-01", 2, At(new DateOnly(2025, 3, 10), 16), Controller),
                ("2025-02", 2, At(new DateOnly(2025, 3, 11), 2), Schedule),
                ("2025-03", 1, At(new DateOnly(2025, 4, 5), 2), Schedule),
                .. Enumerable.Range(4, 8).Select(month =>
                    (new BillingMonth(2025, month).ToString(), 1, At(new DateOnly(2025, month + 1, 4), 2), Schedule)),
                ("2025-12", 1, At(new DateOnly(2026, 1, 4), 2), Schedule),
            ],
            _closeLog);

        foreach (var expected in FinalFigures)
        {
            await AssertFinalMonthAsync(expected);
        }

        await AssertEarlierVersionsStayReadableAsync();
        await AssertAuditTrailAsync();
    }

    /// <summary>The checkpoints and the controller's actions, on their days (after that day's scheduled run).</summary>
    private async Task EventsOfAsync(DateOnly day)
    {
        switch (day)
        {
            case { Year: 2025, Month: 2, Day: 3 }:
                // Ex15: January is closed on Feb 3 with S locked at 100 and no R.
                SetNow(At(day, 9));
                var january = await Closes.CloseThroughAsync(Acme, January, Controller, CancellationToken.None);
                Log(january);
                Assert.Equal([("2025-01", 1, 300m, 2)], january.ClosedNow.Select(record => (record.Month.ToString(), record.Version, record.Mrr, record.Customers)));
                break;

            case { Year: 2025, Month: 2, Day: 4 }:
                Assert.DoesNotContain(_closeLog, entry => entry.At >= At(day, 0));
                break;

            case { Year: 2025, Month: 2, Day: 20 }:
                await LateJanuaryDataArrivesAsync(day);
                break;

            case { Year: 2025, Month: 3, Day: 4 }:
                await AssertFebruaryClosedAgainstLockedJanuaryAsync();
                break;

            case { Year: 2025, Month: 3, Day: 10 }:
                await ReopenAndRecloseJanuaryAsync(day);
                break;

            case { Year: 2025, Month: 3, Day: 11 }:
                var februaryState = await Closes.StateAsync(Acme, February, CancellationToken.None);
                Assert.Equal((CloseStatus.Closed, 2, Schedule), (februaryState.Status, februaryState.Version, februaryState.Current!.ClosedBy));
                break;

            case { Year: 2025, Month: 4, Day: 4 }:
                // The run at 02:00 was missed: March is due but still open, published as provisional.
                SetNow(At(day, 12));
                var marchState = await Closes.StateAsync(Acme, March, CancellationToken.None);
                Assert.Equal((CloseStatus.Open, 1, (CloseRecord?)null), (marchState.Status, marchState.Version, marchState.Current));
                var provisionalMarch = (await _pipeline.Get<KpiQueryService>().FindAsync(Acme, March, CancellationToken.None))!;
                Assert.Equal((KpiStatus.Provisional, 1, 320m), (provisionalMarch.Status, provisionalMarch.Version, provisionalMarch.Kpis.Mrr));
                break;

            case { Year: 2025, Month: 4, Day: 5 }:
                Assert.Equal(("2025-03", 1, At(day, 2)), (_closeLog[^1].Month, _closeLog[^1].Version, _closeLog[^1].At));
                break;
        }
    }

    /// <summary>Ex15: on Feb 20 R's lines arrive (Jan 10–Feb 10 and Feb 10–Mar 10 at 70), then S's January invoice is voided.</summary>
    private async Task LateJanuaryDataArrivesAsync(DateOnly day)
    {
        await IngestAsync(At(day, 10), "acme/billing-2025-01-late.csv", LateRevenueLines);
        Assert.Equal(70m, (await Closes.StateAsync(Acme, January, CancellationToken.None)).PendingRestatementDelta);

        await IngestAsync(At(day, 10, 30), "acme/invoices-2025-02-20.csv", StripeInvoicesVoidingS);

        var januaryState = await Closes.StateAsync(Acme, January, CancellationToken.None);
        Assert.Equal((CloseStatus.Closed, 1, -30m), (januaryState.Status, januaryState.Version, januaryState.PendingRestatementDelta));
        Assert.Equal([CloseAuditKinds.Closed], januaryState.Audit.Select(entry => entry.Kind));
        var january = (await _pipeline.Get<KpiQueryService>().FindAsync(Acme, January, CancellationToken.None))!;
        Assert.Equal((KpiStatus.Closed, 1, 300m), (january.Status, january.Version, january.Kpis.Mrr));

        // The open February already shows the late rows, provisionally.
        var february = (await _pipeline.Get<MovementQueryService>().FindAsync(Acme, February, CancellationToken.None))!;
        Assert.Equal((KpiStatus.Provisional, 300m, 270m), (february.Headline.Status, february.Headline.Kpis.StartMrr, february.Headline.Kpis.Mrr));
        Assert.Equal(Ex15FebruaryMovements, Rows(february.Movements));
    }

    private async Task AssertFebruaryClosedAgainstLockedJanuaryAsync()
    {
        Assert.Equal(("2025-02", 1, Schedule), (_closeLog[^1].Month, _closeLog[^1].Version, _closeLog[^1].By));
        var february = (await _pipeline.Get<MovementQueryService>().FindAsync(Acme, February, CancellationToken.None))!;
        var kpis = february.Headline.Kpis;
        Assert.Equal((KpiStatus.Closed, 1), (february.Headline.Status, february.Headline.Version));
        Assert.Equal((300m, 70m, 100m, 270m, 2), (kpis.StartMrr, kpis.NewMrr, kpis.ChurnedMrr, kpis.Mrr, kpis.Customers));
        Assert.Equal(Ex15FebruaryMovements, Rows(february.Movements));

        var januaryState = await Closes.StateAsync(Acme, January, CancellationToken.None);
        Assert.Equal((CloseStatus.Closed, 1, 300m, -30m), (januaryState.Status, januaryState.Version, januaryState.Current!.Mrr, januaryState.PendingRestatementDelta));
        Assert.Equal([CloseAuditKinds.Closed, CloseAuditKinds.Restatement], januaryState.Audit.Select(entry => entry.Kind));
    }

    private async Task ReopenAndRecloseJanuaryAsync(DateOnly day)
    {
        SetNow(At(day, 14));
        var reopen = await Closes.ReopenAsync(Acme, January, ReopenReason, Controller, CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Reopened, reopen.Kind);
        Assert.Equal([("2025-01", CloseStatus.Reopened, 1), ("2025-02", CloseStatus.Reopened, 1)],
            reopen.ClosedNow.Select(record => (record.Month.ToString(), record.Status, record.Version)));
        var reopened = await Closes.StateAsync(Acme, January, CancellationToken.None);
        Assert.Equal((CloseStatus.Reopened, 2, (decimal?)null), (reopened.Status, reopened.Version, reopened.PendingRestatementDelta));
        var provisional = await _pipeline.Get<KpiQueryService>().ListAsync(Acme, January, February, CancellationToken.None);
        Assert.Equal([(KpiStatus.Provisional, 2, 270m), (KpiStatus.Provisional, 2, 270m)],
            provisional!.Select(row => (row.Status, row.Version, row.Kpis.Mrr)));

        SetNow(At(day, 16));
        var reclose = await Closes.CloseThroughAsync(Acme, January, Controller, CancellationToken.None);
        Log(reclose);
        Assert.Equal([("2025-01", 2, 270m)], reclose.ClosedNow.Select(record => (record.Month.ToString(), record.Version, record.Mrr)));
        Assert.Equal((CloseStatus.Reopened, 2), await StatusAsync(February));
    }

    private async Task AssertFinalMonthAsync(MonthFigures expected)
    {
        var month = BillingMonth.Parse(expected.Month);
        var state = await Closes.StateAsync(Acme, month, CancellationToken.None);
        Assert.Equal((expected.Month, CloseStatus.Closed, expected.Version, (decimal?)null), (expected.Month, state.Status, state.Version, state.PendingRestatementDelta));
        Assert.Equal(Enumerable.Range(1, expected.Version), state.Versions.Select(record => record.Version));
        Assert.Equal((expected.Mrr, expected.Customers), (state.Current!.Mrr, state.Current.Customers));

        var drillDown = (await _pipeline.Get<MovementQueryService>().FindAsync(Acme, month, CancellationToken.None))!;
        var kpis = drillDown.Headline.Kpis;
        Assert.Equal(
            (expected.Month, KpiStatus.Closed, expected.Version, expected.Start, expected.New, expected.Expansion, expected.Reactivation,
                expected.Contraction, expected.Churn, expected.Mrr, expected.Customers),
            (expected.Month, drillDown.Headline.Status, drillDown.Headline.Version, kpis.StartMrr, kpis.NewMrr, kpis.ExpansionMrr,
                kpis.ReactivationMrr, kpis.ContractionMrr, kpis.ChurnedMrr, kpis.Mrr, kpis.Customers));
        Assert.Equal(
            expected.Movements.Select(movement => (movement.Customer, movement.Type, movement.Amount, false, (DateOnly?)null)),
            Rows(drillDown.Movements));
    }

    /// <summary>January's and February's version 1 (and their late rows) stay readable next to version 2.</summary>
    private async Task AssertEarlierVersionsStayReadableAsync()
    {
        var kpis = _pipeline.Get<KpiQueryService>();
        var januaryVersions = await kpis.ListVersionsAsync(Acme, January, CancellationToken.None);
        Assert.Equal([(1, 0m, 300m, 300m), (2, 0m, 270m, 270m)],
            januaryVersions.Select(row => (row.Version, row.Kpis.StartMrr, row.Kpis.NewMrr, row.Kpis.Mrr)));
        var februaryVersions = await kpis.ListVersionsAsync(Acme, February, CancellationToken.None);
        Assert.Equal([(1, 300m, 70m, 100m, 270m), (2, 270m, 0m, 0m, 270m)],
            februaryVersions.Select(row => (row.Version, row.Kpis.StartMrr, row.Kpis.NewMrr, row.Kpis.ChurnedMrr, row.Kpis.Mrr)));
        Assert.Equal(300m, (await kpis.FindVersionAsync(Acme, January, 1, CancellationToken.None))!.Kpis.Mrr);
        foreach (var expected in FinalFigures.Skip(2))
        {
            var only = Assert.Single(await kpis.ListVersionsAsync(Acme, BillingMonth.Parse(expected.Month), CancellationToken.None));
            Assert.Equal((expected.Month, KpiStatus.Closed, 1, expected.Mrr), (only.Kpis.Month.ToString(), only.Status, only.Version, only.Kpis.Mrr));
        }

        Assert.Equal(
            [("C", MovementType.New, 200m, false, (DateOnly?)null), ("S", MovementType.New, 100m, false, null)],
            Rows((await _pipeline.Artifacts.ReadMovementsAsync(Acme, January, 1, CancellationToken.None))!));
        Assert.Equal(Ex15FebruaryMovements, Rows((await _pipeline.Artifacts.ReadMovementsAsync(Acme, February, 1, CancellationToken.None))!));
    }

    private async Task AssertAuditTrailAsync()
    {
        static (string Kind, int Version, DateTimeOffset At, string By, string? Reason, decimal? Delta) Entry(
            string kind, int version, DateTimeOffset at, string by, string? reason = null, decimal? delta = null) =>
            (kind, version, at, by, reason, delta);

        var trail = await _pipeline.Audit.ListAsync(Acme, null, CancellationToken.None);
        IEnumerable<(string, int, DateTimeOffset, string, string?, decimal?)> Of(string month) => trail
            .Where(entry => entry.Month.ToString() == month)
            .Select(entry => (entry.Kind, entry.Version, entry.At, entry.By,
                entry.Kind == CloseAuditKinds.Restatement ? null : entry.Reason, entry.MrrDelta));

        Assert.Equal(
            [
                Entry(CloseAuditKinds.Closed, 1, At(new DateOnly(2025, 2, 3), 9), Controller),
                Entry(CloseAuditKinds.Restatement, 1, At(new DateOnly(2025, 3, 4), 2), Schedule, delta: -30m),
                Entry(CloseAuditKinds.Reopened, 1, At(new DateOnly(2025, 3, 10), 14), Controller, ReopenReason),
                Entry(CloseAuditKinds.Closed, 2, At(new DateOnly(2025, 3, 10), 16), Controller),
            ],
            Of("2025-01"));
        var restatement = trail.Single(entry => entry.Kind == CloseAuditKinds.Restatement);
        Assert.Contains("found by the close of 2025-02 (version 1)", restatement.Reason, StringComparison.Ordinal);
        Assert.Equal(
            [
                Entry(CloseAuditKinds.Closed, 1, At(new DateOnly(2025, 3, 4), 2), Schedule),
                Entry(CloseAuditKinds.Reopened, 1, At(new DateOnly(2025, 3, 10), 14), Controller, ReopenReason),
                Entry(CloseAuditKinds.Closed, 2, At(new DateOnly(2025, 3, 11), 2), Schedule),
            ],
            Of("2025-02"));
        Assert.Equal([Entry(CloseAuditKinds.Closed, 1, At(new DateOnly(2025, 4, 5), 2), Schedule)], Of("2025-03"));
        for (var month = 4; month <= 12; month++)
        {
            var closedOn = month == 12 ? new DateOnly(2026, 1, 4) : new DateOnly(2025, month + 1, 4);
            Assert.Equal([Entry(CloseAuditKinds.Closed, 1, At(closedOn, 2), Schedule)], Of(new BillingMonth(2025, month).ToString()));
        }

        Assert.Equal(4 + 3 + 1 + 9, trail.Count);
    }

    /// <summary>The daily close job at 02:00, as the schedulers run it.</summary>
    private async Task ScheduledCloseAsync(DateOnly day)
    {
        SetNow(At(day, 2));
        foreach (var outcome in await Closes.CloseDueMonthsAsync(Schedule, CancellationToken.None))
        {
            Assert.True(outcome.Kind is CloseOutcomeKind.Closed or CloseOutcomeKind.BeforeFirstMonth, $"{day}: {outcome.Kind} {outcome.Message}");
            Log(outcome);
        }
    }

    private void Log(CloseOutcome outcome) =>
        _closeLog.AddRange(outcome.ClosedNow.Select(record => (record.Month.ToString(), record.Version, record.ClosedAt, record.ClosedBy)));

    private async Task<(CloseStatus, int)> StatusAsync(BillingMonth month)
    {
        var state = await Closes.StateAsync(Acme, month, CancellationToken.None);
        return (state.Status, state.Version);
    }

    private async Task IngestAsync(DateTimeOffset at, string name, string content)
    {
        SetNow(at);
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.True(record.Status == ImportStatus.Accepted, $"{name}: {record.Status} {record.Reason}");
    }

    private void SetNow(DateTimeOffset at) => _pipeline.Clock.SetUtcNow(at);

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private static (string Customer, MovementType Type, decimal Amount, bool Late, DateOnly? Effective)[] Ex15FebruaryMovements =>
    [
        ("R", MovementType.New, 70m, true, new DateOnly(2025, 1, 10)),
        ("S", MovementType.Churn, 100m, true, new DateOnly(2025, 1, 1)),
    ];

    private static (string Customer, MovementType Type, decimal Amount, bool Late, DateOnly? Effective)[] Rows(
        IEnumerable<CustomerMovement> movements) =>
        movements
            .Where(movement => movement.Type != MovementType.None)
            .OrderBy(movement => movement.CustomerId, StringComparer.Ordinal)
            .Select(movement => (movement.CustomerId, movement.Type, movement.Amount, movement.Late, movement.EffectiveDate))
            .ToArray();

    private const string Header = "line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end";

    /// <summary>R's January and February lines, missing from the January and February exports (Ex15).</summary>
    private const string LateRevenueLines =
        Header + "\n" +
        "r-01,R,in_r_01,sub_r,70.00,EUR,month,2025-01-10,2025-02-10\n" +
        "r-02,R,in_r_02,sub_r,70.00,EUR,month,2025-02-10,2025-03-10\n";

    /// <summary>A Stripe invoices export saying S's January invoice in_s1 was voided on Feb 20.</summary>
    private const string StripeInvoicesVoidingS =
        "id,Number,Customer,Customer Name,Customer Email,Subscription,Status,Billing,Currency,Amount Due,Amount Paid,Subtotal," +
        "Total Discount Amount,Tax,Total,Date (UTC),Due Date (UTC),Paid At (UTC),Finalized At (UTC),Voided At (UTC)," +
        "Marked Uncollectible At (UTC),Paid,Customer Address Country\n" +
        "in_s1,S-0001,S,S Ltd,billing@s.example,sub_s,void,send_invoice,eur,0.00,0.00,100.00,0.00,0.00,100.00," +
        "2025-01-01 00:00:00,2025-01-31 00:00:00,,2025-01-01 00:00:00,2025-02-20 10:30:00,,false,gb\n";

    /// <summary>The billing export of <paramref name="month"/> (2025): every line whose service starts in it, as in the remarks.</summary>
    private static string MonthlyExport(int month)
    {
        var text = new StringBuilder(Header).Append('\n');
        void Line(string customer, int day, decimal amount)
        {
            var start = new DateOnly(2025, month, day);
            var key = string.Create(CultureInfo.InvariantCulture, $"{customer.ToLowerInvariant()}-{month:00}");
            text.Append(CultureInfo.InvariantCulture,
                $"{key},{customer},in_{key},sub_{customer.ToLowerInvariant()},{amount:0.00},EUR,month,{start:yyyy-MM-dd},{start.AddMonths(1):yyyy-MM-dd}\n");
        }

        Line("C", 1, 200m);
        if (month == 1)
        {
            text.Append("s1,S,in_s1,sub_s,100.00,EUR,month,2025-01-01,2025-02-01\n");
        }

        if (month >= 3)
        {
            Line("R", 10, 70m);
        }

        if (month is >= 3 and <= 8 or >= 11)
        {
            Line("D", 1, month >= 6 ? 80m : 50m);
        }

        if (month >= 5)
        {
            Line("E", 1, month >= 8 ? 90m : 120m);
        }

        return text.ToString();
    }

    public void Dispose() => _pipeline.Dispose();

    private sealed record MonthFigures(
        string Month,
        int Version,
        decimal Start,
        decimal New,
        decimal Expansion,
        decimal Reactivation,
        decimal Contraction,
        decimal Churn,
        decimal Mrr,
        int Customers,
        (string Customer, MovementType Type, decimal Amount)[] Movements);
}
