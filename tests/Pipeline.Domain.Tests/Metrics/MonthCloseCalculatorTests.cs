using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class MonthCloseCalculatorTests
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
        Assert.Equal(new CustomerMonthEnd("cus_f", 0m, EverPaid: true), Assert.Single(closes[Month(4)].Closing));
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

    [Fact]
    public void Compute_OpenInvoicePastDelinquencyLimit_DelinquentChurn()
    {
        var closes = new LedgerBuilder()
            .Line("cus_late", 1200m, On(1, 1), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), line => line with
            {
                Interval = new BillingInterval(IntervalUnit.Year, 1),
                Status = DocumentStatus.Open,
                DueAt = On(1, 10),
            })
            .CloseMonths(Month(1), Month(2));

        Assert.Equal([100m, 0m], MrrByMonth(closes));
        Assert.Equal(
            new CustomerMovement("cus_late", 100m, 0m, MovementType.Churn, 100m, Delinquent: true),
            Assert.Single(closes[Month(2)].Movements));
        Assert.Equal((100m, 100m), (closes[Month(2)].Kpis.ChurnedMrr, closes[Month(2)].Kpis.DelinquentChurnedMrr));
    }

    [Fact]
    public void Compute_FullDiscountAfterPaidMonths_ChurnThenReactivation()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_g", 40m, fromMonth: 1, months: 1)
            .MonthlyInvoices("cus_g", 40m, fromMonth: 2, months: 1, line => line with { Discount = 40m })
            .MonthlyInvoices("cus_g", 40m, fromMonth: 3, months: 1)
            .CloseMonths(Month(1), Month(3));

        Assert.Equal([(1, MovementType.New, 40m), (2, MovementType.Churn, 40m), (3, MovementType.Reactivation, 40m)], MovementsOf(closes, "cus_g"));
    }

    [Fact]
    public void Compute_CustomerIds_ClosingAndMovementsInOrdinalOrder()
    {
        var january = new LedgerBuilder()
            .Line("cus_b", 10m, On(1, 1), null)
            .Line("cus_a", 10m, On(1, 1), null)
            .Line("Cus_c", 10m, On(1, 1), null)
            .CloseMonths(Month(1), Month(1))[Month(1)];

        Assert.Equal(["Cus_c", "cus_a", "cus_b"], january.Closing.Select(entry => entry.CustomerId));
        Assert.Equal(["Cus_c", "cus_a", "cus_b"], january.Movements.Select(movement => movement.CustomerId));
    }

    [Fact]
    public void Compute_OpeningNotInLedgerAnyMore_ChurnAgainstLockedSnapshot()
    {
        var engine = new LedgerBuilder().Line("cus_r", 70m, On(1, 10), null).Engine();
        CustomerMonthEnd[] opening = [new("cus_r", 70m, EverPaid: true), new("cus_s", 100m, EverPaid: true)];

        var february = MonthCloseCalculator.Compute(Month(2), opening, engine);

        Assert.Equal((170m, 70m, 100m), (february.Kpis.StartMrr, february.Kpis.Mrr, february.Kpis.ChurnedMrr));
        Assert.Equal([new("cus_r", 70m, true), new CustomerMonthEnd("cus_s", 0m, true)], february.Closing);
    }

    [Fact]
    public void Compute_OpeningWithRepeatedCustomer_Throws()
    {
        var engine = new LedgerBuilder().Engine();
        CustomerMonthEnd[] opening = [new("cus_a", 10m, true), new("cus_a", 20m, true)];

        Assert.Throws<ArgumentException>(() => MonthCloseCalculator.Compute(Month(2), opening, engine));
    }

    [Fact]
    public void Compute_ThousandsOfRepeatingDecimalAmounts_IdentityHoldsToDecimalResolution()
    {
        var ledger = new LedgerBuilder();
        for (var customer = 0; customer < 3000; customer++)
        {
            var id = $"cus_{customer:D4}";
            ledger.Line(id, 25m + (customer % 7), On(1, 6), On(2, 3), line => line with { Interval = new BillingInterval(IntervalUnit.Week, 1) });
            ledger.Line(id, 100m + (customer % 11), On(2, 3), On(3, 1), line => line with { SubscriptionId = "prorated" });
            ledger.Line(id, 1000m, On(2, 1), On(3, 1), line => line with { Interval = new BillingInterval(IntervalUnit.Day, 13) });
        }

        var kpis = ledger.CloseMonths(Month(1), Month(2))[Month(2)].Kpis;

        var expected = kpis.StartMrr + kpis.NewMrr + kpis.ExpansionMrr + kpis.ReactivationMrr - kpis.ContractionMrr - kpis.ChurnedMrr;
        Assert.InRange(kpis.Mrr - expected, -0.000000000001m, 0.000000000001m);
        Assert.Equal((3000, 3000, 0), (kpis.StartCustomers, kpis.Customers, kpis.NewCustomers));
    }

    private static decimal[] MrrByMonth(IReadOnlyDictionary<BillingMonth, MonthCloseResult> closes) =>
        [.. closes.Values.Select(close => close.Kpis.Mrr)];

    private static (int Month, MovementType Type, decimal Amount)[] MovementsOf(
        IReadOnlyDictionary<BillingMonth, MonthCloseResult> closes, string customerId) =>
        [.. closes.SelectMany(close => close.Value.Movements
            .Where(movement => movement.CustomerId == customerId)
            .Select(movement => (close.Key.Month, movement.Type, movement.Amount)))];
}
