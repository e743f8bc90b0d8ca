using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>Committed MRR with scheduled cancellations (METRICS.md §1 Derived, Ex1).</summary>
public sealed class CommittedRevenueTests
{
    [Fact]
    public void Compute_Ex1CancellationAtTermEnd_CmrrZeroAtEndOfJuneWhileMrrStillCounts()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_a", 100m, fromMonth: 1, months: 2)
            .MonthlyInvoices("cus_a", 150m, fromMonth: 3, months: 2)
            .MonthlyInvoices("cus_a", 120m, fromMonth: 5, months: 1)
            .Line("cus_a", 120m, On(6, 1), On(7, 1), line => line with { CancelsAtEnd = true, CancellationRequestedAt = On(6, 10) })
            .CloseMonths(Month(1), Month(7));

        Assert.Equal([100m, 100m, 150m, 150m, 120m, 120m, 0m], closes.Values.Select(close => close.Kpis.Mrr));
        Assert.Equal(0m, closes[Month(6)].Kpis.Cmrr);
        // Each invoice is issued when its month starts, so a month commits what it knew: its own amount until the
        // cancellation (requested June 10) is known, then 0.
        Assert.Equal([100m, 100m, 150m, 150m, 120m, 0m, 0m], closes.Values.Select(close => close.Kpis.Cmrr));
    }

    [Fact]
    public void Compute_CancellationWithoutRequestDate_KnownFromTheLineStart()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_a", 100m, fromMonth: 1, months: 2)
            .Line("cus_a", 100m, On(3, 1), On(5, 1), line => line with { CancelsAtEnd = true })
            .CloseMonths(Month(1), Month(5));

        Assert.Equal([100m, 100m, 100m, 100m, 0m], closes.Values.Select(close => close.Kpis.Mrr));
        Assert.Equal([0m, 0m, 0m, 0m, 0m], closes.Values.Select(close => close.Kpis.Cmrr));
    }

    [Fact]
    public void Compute_SnapshotCancellingAtPeriodEndBesideLiveSubscription_OnlyTheCancellingOneCommitsZero()
    {
        var closes = new LedgerBuilder()
            .Line("cus_a", 120m, On(1, 1), On(7, 1), line => line with { SubscriptionId = "sub_1", CancelsAtEnd = true })
            .Line("cus_a", 30m, On(1, 1), null, line => line with { SubscriptionId = "sub_2" })
            .Line("cus_b", 50m, On(1, 1), On(3, 1), line => line with { SubscriptionId = "sub_3" })
            .CloseMonths(Month(5), Month(7));

        Assert.Equal([150m, 150m, 30m], closes.Values.Select(close => close.Kpis.Mrr));
        Assert.Equal([30m, 30m, 30m], closes.Values.Select(close => close.Kpis.Cmrr));
    }

    [Fact]
    public void Compute_CancellingLineEndedBeforeMonth_NoEffectOnLaterMonths()
    {
        var closes = new LedgerBuilder()
            .Line("cus_a", 120m, On(1, 1), On(3, 1), line => line with { SubscriptionId = "sub_1", CancelsAtEnd = true })
            .Line("cus_b", 40m, On(1, 1), null, line => line with { SubscriptionId = "sub_2" })
            .CloseMonths(Month(1), Month(3));

        Assert.Equal([160m, 160m, 40m], closes.Values.Select(close => close.Kpis.Mrr));
        Assert.Equal([40m, 40m, 40m], closes.Values.Select(close => close.Kpis.Cmrr));
    }
}
