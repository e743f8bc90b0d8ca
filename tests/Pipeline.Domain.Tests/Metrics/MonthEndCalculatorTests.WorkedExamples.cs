using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>METRICS.md §7: the worked examples, each closed month after month like the real close.</summary>
public sealed partial class MonthEndCalculatorTests
{
    private static readonly BillingInterval Quarterly = new(IntervalUnit.Month, 3);

    [Fact]
    public void Compute_Ex1LifecycleWithChurnAtTermEnd_MrrAndMovementsMatch()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_a", 100m, fromMonth: 1, months: 2)
            .MonthlyInvoices("cus_a", 150m, fromMonth: 3, months: 2)
            .MonthlyInvoices("cus_a", 120m, fromMonth: 5, months: 2)
            .CloseMonths(Month(1), Month(7));

        Assert.Equal([100m, 100m, 150m, 150m, 120m, 120m, 0m], MrrByMonth(closes));
        Assert.Equal(
            [(1, MovementType.New, 100m), (3, MovementType.Expansion, 50m), (5, MovementType.Contraction, 30m), (7, MovementType.Churn, 120m)],
            MovementsOf(closes, "cus_a"));
        Assert.Equal(1, closes[Month(7)].Kpis.ChurnedCustomers);
        Assert.Equal(0m, closes[Month(7)].Kpis.DelinquentChurnedMrr);
    }

    [Fact]
    public void Compute_Ex3QuarterlyDiscountedPlanWithSetupFee_NinetyFromJanuaryThroughJune()
    {
        var closes = new LedgerBuilder()
            .Line("cus_c", 300m, On(1, 1), On(4, 1), line => line with { Discount = 30m, Interval = Quarterly })
            .Line("cus_c", 500m, On(1, 1), null, line => line with { LineType = LineType.OneTime, Interval = null })
            .Line("cus_c", 300m, On(4, 1), On(7, 1), line => line with { Discount = 30m, Interval = Quarterly })
            .CloseMonths(Month(1), Month(7));

        Assert.Equal([90m, 90m, 90m, 90m, 90m, 90m, 0m], MrrByMonth(closes));
        Assert.Equal([(1, MovementType.New, 90m), (7, MovementType.Churn, 90m)], MovementsOf(closes, "cus_c"));
        Assert.Equal(90m, closes[Month(1)].Kpis.NewMrr);
    }

    [Fact]
    public void Compute_Ex4LimitedCoupon_NewThenExpansionWhenCouponEnds()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_d", 200m, fromMonth: 1, months: 2, line => line with { Discount = 100m })
            .MonthlyInvoices("cus_d", 200m, fromMonth: 3, months: 2)
            .CloseMonths(Month(1), Month(4));

        Assert.Equal([100m, 100m, 200m, 200m], MrrByMonth(closes));
        Assert.Equal([(1, MovementType.New, 100m), (3, MovementType.Expansion, 100m)], MovementsOf(closes, "cus_d"));
    }

    [Fact]
    public void Compute_Ex5TwoSubscriptions_AddUpAndChurnOnlyWhenBothEnd()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_e", 50m, fromMonth: 1, months: 3, line => line with { SubscriptionId = "sub_1" })
            .Line("cus_e", 30m, On(2, 10), On(3, 10), line => line with { SubscriptionId = "sub_2" })
            .Line("cus_e", 30m, On(3, 10), On(4, 10), line => line with { SubscriptionId = "sub_2" })
            .Line("cus_e", 30m, On(4, 10), On(5, 10), line => line with { SubscriptionId = "sub_2" })
            .CloseMonths(Month(1), Month(5));

        Assert.Equal([50m, 80m, 80m, 30m, 0m], MrrByMonth(closes));
        Assert.Equal(
            [(1, MovementType.New, 50m), (2, MovementType.Expansion, 30m), (4, MovementType.Contraction, 50m), (5, MovementType.Churn, 30m)],
            MovementsOf(closes, "cus_e"));
        Assert.Equal([0, 0, 0, 0, 1], closes.Values.Select(close => close.Kpis.ChurnedCustomers));
    }

    [Fact]
    public void Compute_Ex6ReturnAfterChurn_ReactivationOfTheFullAmount()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_f", 80m, fromMonth: 1, months: 2)
            .Line("cus_f", 60m, On(5, 1), null)
            .CloseMonths(Month(1), Month(5));

        Assert.Equal([80m, 80m, 0m, 0m, 60m], MrrByMonth(closes));
        Assert.Equal([(1, MovementType.New, 80m), (3, MovementType.Churn, 80m), (5, MovementType.Reactivation, 60m)], MovementsOf(closes, "cus_f"));
        Assert.Equal((0, 1), (closes[Month(5)].Kpis.NewCustomers, closes[Month(5)].Kpis.ReactivatedCustomers));
        Assert.Equal(new CustomerMonthEnd("cus_f", 0m, EverPaid: true) { CohortMonth = Month(1) }, Assert.Single(closes[Month(4)].Closing));
    }

    [Fact]
    public void Compute_Ex8StartAndRefundInsideMonth_SubscribedAndChurnedNotInChurnRate()
    {
        var ledger = new LedgerBuilder();
        for (var customer = 1; customer <= 18; customer++)
        {
            ledger.Line($"cus_{customer:D2}", 50m, On(1, 1), null);
        }

        var march = ledger
            .MonthlyInvoices("cus_y", 70m, fromMonth: 1, months: 2)
            .Line("cus_y", 70m * 14m / 31m, On(3, 1), On(3, 15))
            .MonthlyInvoices("cus_z", 90m, fromMonth: 1, months: 2)
            .Line("cus_z", 90m * 19m / 31m, On(3, 1), On(3, 20))
            .Line("cus_x", 40m, On(3, 3), On(4, 3), line => line with { Status = DocumentStatus.Refunded, RefundedAt = On(3, 20) })
            .CloseMonths(Month(1), Month(3))[Month(3)];

        Assert.Equal((20, 18, 2), (march.Kpis.StartCustomers, march.Kpis.Customers, march.Kpis.ChurnedCustomers));
        Assert.Equal(0.10m, march.Kpis.CustomerChurnRate);
        Assert.Equal(1, march.Kpis.SubscribedAndChurned);
        Assert.Equal(new CustomerMovement("cus_x", 0m, 0m, MovementType.None, 0m, SubscribedAndChurned: true), march.Movements[0]);
        Assert.Equal(0m, march.Kpis.NewMrr);
        Assert.DoesNotContain(march.Closing, entry => entry.CustomerId == "cus_x");
    }

    [Fact]
    public void Compute_Ex10ProrationAndWeeklyPlan_FullMonthlyAmountsAndNoFebruaryMovement()
    {
        var closes = new LedgerBuilder()
            .Line("cus_o", 20m, On(1, 22), On(2, 1))
            .Line("cus_o", 62m, On(2, 1), On(3, 1))
            .Line("cus_n", 25m, On(1, 27), null, line => line with { Interval = new BillingInterval(IntervalUnit.Week, 1) })
            .CloseMonths(Month(1), Month(2));

        var weekly = 25m * 52m / 12m;
        Assert.Equal(
            [new("cus_n", 0m, weekly, MovementType.New, weekly), new CustomerMovement("cus_o", 0m, 62m, MovementType.New, 62m)],
            closes[Month(1)].Movements);
        Assert.Equal(108.33m, Eur.Round(closes[Month(1)].Closing[0].Mrr));
        Assert.Equal(62m + weekly, closes[Month(1)].Kpis.Mrr);
        Assert.Empty(closes[Month(2)].Movements);
    }

    [Fact]
    public void Compute_Ex11MidCycleUpgrade_LaterProratedLineWinsAtMonthEnd()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_p", 100m, fromMonth: 1, months: 2, line => line with { SubscriptionId = "sub_p" })
            .Line("cus_p", -50m, On(2, 15), On(3, 1), line => line with { SubscriptionId = "sub_p", LineType = LineType.Proration })
            .Line("cus_p", 100m, On(2, 15), On(3, 1), line => line with { SubscriptionId = "sub_p", LineType = LineType.Proration })
            .MonthlyInvoices("cus_p", 200m, fromMonth: 3, months: 1, line => line with { SubscriptionId = "sub_p" })
            .WithProrationCredits()
            .CloseMonths(Month(1), Month(3));

        Assert.Equal([100m, 200m, 200m], MrrByMonth(closes));
        Assert.Equal([(1, MovementType.New, 100m), (2, MovementType.Expansion, 100m)], MovementsOf(closes, "cus_p"));
    }

    [Fact]
    public void Compute_Ex13OneMonthEveryRate_EveryFigureMatches()
    {
        var kpis = new LedgerBuilder()
            .MonthlyInvoices("cus_f", 50m, fromMonth: 1, months: 1)
            .MonthlyInvoices("cus_a", 100m, fromMonth: 2, months: 1)
            .MonthlyInvoices("cus_b", 200m, fromMonth: 2, months: 1)
            .MonthlyInvoices("cus_b", 260m, fromMonth: 3, months: 1)
            .MonthlyInvoices("cus_c", 300m, fromMonth: 2, months: 1)
            .MonthlyInvoices("cus_c", 250m, fromMonth: 3, months: 1)
            .MonthlyInvoices("cus_d", 400m, fromMonth: 2, months: 2)
            .MonthlyInvoices("cus_e", 150m, fromMonth: 3, months: 1)
            .MonthlyInvoices("cus_f", 90m, fromMonth: 3, months: 1)
            .CloseMonths(Month(1), Month(3))[Month(3)].Kpis;

        Assert.Equal((1000m, 4), (kpis.StartMrr, kpis.StartCustomers));
        Assert.Equal((150m, 60m, 90m, 50m, 100m), (kpis.NewMrr, kpis.ExpansionMrr, kpis.ReactivationMrr, kpis.ContractionMrr, kpis.ChurnedMrr));
        Assert.Equal((1150m, 5, 13800m, 230m), (kpis.Mrr, kpis.Customers, kpis.Arr, kpis.Arpa));
        Assert.Equal((1, 1, 1), (kpis.NewCustomers, kpis.ReactivatedCustomers, kpis.ChurnedCustomers));
        Assert.Equal(0.15m, kpis.MrrGrowthRate);
        Assert.Equal(0.25m, kpis.CustomerChurnRate);
        Assert.Equal(0.15m, kpis.GrossMrrChurnRate);
        Assert.Equal(0.09m, kpis.NetMrrChurnRate);
        Assert.Equal(0.91m, kpis.Nrr);
        Assert.Equal(0.85m, kpis.Grr);
        Assert.Equal(2.00m, kpis.QuickRatio);
        Assert.Equal(Eur, kpis.Currency);
    }
}
