using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>METRICS.md §2: a paused subscription has MRR 0, entering the pause is Contraction, resuming is Expansion, never churned.</summary>
public sealed partial class MonthEndCalculatorTests
{
    /// <summary>
    /// cus_p (plan pro) pays 100 in January and February, is paused <c>[1 Mar, 1 May)</c> and pays 100 again in May
    /// and June; cus_q pays 50 every month. By hand: MRR 150, 150, 50, 50, 150, 150; March Contraction 100, May
    /// Expansion 100; customers 2, 2, 1, 1, 2, 2; no churn, no reactivation, ARPA in March 50.
    /// </summary>
    [Fact]
    public void Compute_PauseAndResume_ContractionThenExpansionNeverChurn()
    {
        var closes = PausedLedger().CloseMonths(Month(1), Month(6));

        Assert.Equal([150m, 150m, 50m, 50m, 150m, 150m], MrrByMonth(closes));
        Assert.Equal([(1, MovementType.New, 100m), (3, MovementType.Contraction, 100m), (5, MovementType.Expansion, 100m)], MovementsOf(closes, "cus_p"));
        Assert.Equal([2, 2, 1, 1, 2, 2], closes.Values.Select(close => close.Kpis.Customers).ToArray());
        Assert.All(closes.Values, close => Assert.Equal((0m, 0m, 0), (close.Kpis.ChurnedMrr, close.Kpis.ReactivationMrr, close.Kpis.ChurnedCustomers)));
        Assert.Equal((100m, 50m, 0m), (closes[Month(3)].Kpis.ContractionMrr, closes[Month(3)].Kpis.Arpa!.Value, closes[Month(3)].Kpis.CustomerChurnRate!.Value));
        Assert.Equal((100m, 0m, 0), (closes[Month(5)].Kpis.ExpansionMrr, closes[Month(5)].Kpis.NewMrr, closes[Month(5)].Kpis.NewCustomers));
    }

    [Fact]
    public void Compute_PauseAndResume_PlanSegmentContractsAndExpands()
    {
        var closes = PausedLedger().CloseMonths(Month(1), Month(6));

        var march = Segment(closes[Month(3)], SegmentDimensions.Plan, "pro");
        var may = Segment(closes[Month(5)], SegmentDimensions.Plan, "pro");
        Assert.Equal((100m, 0m, 100m, 0m, 0), (march.StartMrr, march.Mrr, march.ContractionMrr, march.ChurnedMrr, march.ChurnedCustomers));
        Assert.Equal((0m, 100m, 100m, 0m, 0), (may.StartMrr, may.Mrr, may.ExpansionMrr, may.NewMrr, may.NewCustomers));
    }

    [Fact]
    public void IsPausedAt_PauseMarkerWithoutPaidLine_TrueOnlyWhileNothingPaidCovers()
    {
        var engine = PausedLedger()
            .Line("cus_r", 30m, On(3, 1), On(4, 1))
            .Line("cus_r", 0m, On(3, 1), On(5, 1), line => line with { LineType = LineType.Pause, Interval = null })
            .Engine();

        Assert.Equal([false, false, true, true, false, false], Enumerable.Range(1, 6).Select(month => engine.IsPausedAt("cus_p", Month(month))).ToArray());
        Assert.Equal([false, true], new[] { 3, 4 }.Select(month => engine.IsPausedAt("cus_r", Month(month))).ToArray());
        Assert.False(engine.IsPausedAt("cus_q", Month(3)));
        Assert.DoesNotContain("cus_p", engine.CustomerMrrAt(Month(3)).Keys);
    }

    /// <summary>
    /// A paused Chargebee subscription as its snapshot reads: the paid line stays open (40/month from January) and a
    /// pause marker of the same subscription covers <c>[1 Mar, 1 May)</c>. By hand: MRR 40, 40, 0, 0, 40, 40; March
    /// Contraction 40, May Expansion 40; no churn.
    /// </summary>
    [Fact]
    public void Compute_SnapshotLineWithPauseMarker_PausedThenPaidAgain()
    {
        static RevenueLine Snapshot(RevenueLine line) =>
            line with { SubscriptionId = "sub_p", Origin = LineOrigin.SubscriptionSnapshot, CurrentPeriodStart = On(2, 1) };
        var closes = new LedgerBuilder()
            .Line("cus_p", 40m, On(1, 1), null, Snapshot)
            .Line("cus_p", 0m, On(3, 1), On(5, 1), line => Snapshot(line) with { LineType = LineType.Pause, CurrentPeriodStart = On(3, 1) })
            .WithSnapshotHistory()
            .CloseMonths(Month(1), Month(6));

        Assert.Equal([40m, 40m, 0m, 0m, 40m, 40m], MrrByMonth(closes));
        Assert.Equal([(1, MovementType.New, 40m), (3, MovementType.Contraction, 40m), (5, MovementType.Expansion, 40m)], MovementsOf(closes, "cus_p"));
        Assert.All(closes.Values, close => Assert.Equal(0m, close.Kpis.ChurnedMrr));
    }

    [Fact]
    public void Compute_OpenEndedPause_ContractionThenNothing()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_p", 100m, fromMonth: 1, months: 2)
            .Line("cus_p", 0m, On(3, 1), null, line => line with { LineType = LineType.Pause, Interval = null })
            .CloseMonths(Month(1), Month(4));

        Assert.Equal([100m, 100m, 0m, 0m], MrrByMonth(closes));
        Assert.Equal([(1, MovementType.New, 100m), (3, MovementType.Contraction, 100m)], MovementsOf(closes, "cus_p"));
        Assert.Equal(0, closes[Month(3)].Kpis.ChurnedCustomers);
    }

    [Fact]
    public void Compute_PauseOfOneOfTwoSubscriptions_OrdinaryContraction()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_p", 100m, fromMonth: 1, months: 2, line => line with { SubscriptionId = "sub_1" })
            .MonthlyInvoices("cus_p", 50m, fromMonth: 1, months: 4, line => line with { SubscriptionId = "sub_2" })
            .Line("cus_p", 0m, On(3, 1), On(4, 1), line => line with { SubscriptionId = "sub_1", LineType = LineType.Pause, Interval = null })
            .MonthlyInvoices("cus_p", 100m, fromMonth: 4, months: 1, line => line with { SubscriptionId = "sub_1" })
            .CloseMonths(Month(1), Month(5));

        Assert.Equal([150m, 150m, 50m, 150m, 0m], MrrByMonth(closes));
        Assert.Equal(
            [(1, MovementType.New, 150m), (3, MovementType.Contraction, 100m), (4, MovementType.Expansion, 100m), (5, MovementType.Churn, 150m)],
            MovementsOf(closes, "cus_p"));
    }

    [Fact]
    public void Compute_PauseEndedWithoutResumeThenPaidLater_Reactivation()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_p", 100m, fromMonth: 1, months: 1)
            .Line("cus_p", 0m, On(2, 1), On(3, 1), line => line with { LineType = LineType.Pause, Interval = null })
            .MonthlyInvoices("cus_p", 100m, fromMonth: 5, months: 1)
            .CloseMonths(Month(1), Month(5));

        Assert.Equal([(1, MovementType.New, 100m), (2, MovementType.Contraction, 100m), (5, MovementType.Reactivation, 100m)], MovementsOf(closes, "cus_p"));
    }

    private static LedgerBuilder PausedLedger() => new LedgerBuilder()
        .MonthlyInvoices("cus_p", 100m, fromMonth: 1, months: 2, line => line with { Plan = "pro", SubscriptionId = "sub_p" })
        .Line("cus_p", 0m, On(3, 1), On(5, 1), line => line with { Plan = "pro", SubscriptionId = "sub_p", LineType = LineType.Pause, Interval = null })
        .MonthlyInvoices("cus_p", 100m, fromMonth: 5, months: 2, line => line with { Plan = "pro", SubscriptionId = "sub_p" })
        .MonthlyInvoices("cus_q", 50m, fromMonth: 1, months: 6);
}
