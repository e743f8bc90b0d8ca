using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>What the locked snapshot carries besides MRR: cohort month and customer attributes; and committed MRR.</summary>
public sealed partial class MonthEndCalculatorTests
{
    [Fact]
    public void Compute_Ex15CohortsWithChurnAndReturn_ReactivatedCustomerKeepsOriginalCohort()
    {
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_a", 100m, fromMonth: 1, months: 1)
            .Line("cus_a", 100m, On(4, 1), null)
            .MonthlyInvoices("cus_b", 200m, fromMonth: 1, months: 2)
            .Line("cus_b", 250m, On(3, 1), null)
            .Line("cus_c", 70m, On(3, 1), null)
            .CloseMonths(Month(1), Month(4));

        Assert.Equal(
            [("cus_a", Month(1)), ("cus_b", Month(1))],
            closes[Month(2)].Closing.Select(row => (row.CustomerId, row.CohortMonth)));
        Assert.Equal(
            [("cus_a", 100m, Month(1)), ("cus_b", 250m, Month(1)), ("cus_c", 70m, Month(3))],
            closes[Month(4)].Closing.Select(row => (row.CustomerId, row.Mrr, row.CohortMonth)));
        Assert.Equal(MovementType.Reactivation, Assert.Single(closes[Month(4)].Movements).Type);
    }

    [Fact]
    public void Compute_CustomerAttributes_FromMasterDataElseNullAndChurnedKeepTheirs()
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null)
            .Line("cus_b", 50m, On(1, 1), null)
            .MonthlyInvoices("cus_c", 70m, fromMonth: 1, months: 1)
            .Engine();
        var january = MonthEndCalculator.Compute(Month(1), [], engine, Attributes(
            new() { CustomerId = "cus_a", Country = "NL", Channel = "organic", Segment = "smb" },
            new() { CustomerId = "cus_c", Country = "DE", Channel = "referral" }));

        var february = MonthEndCalculator.Compute(Month(2), january.Closing, engine, Attributes(
            new CustomerRecord { CustomerId = "cus_a", Country = "FR", Channel = "organic", Segment = "smb" }));

        Assert.Equal(
            [("cus_a", "NL", "organic", "smb"), ("cus_b", null, null, null), ("cus_c", "DE", "referral", null)],
            january.Closing.Select(row => (row.CustomerId, row.Country, row.Channel, row.Segment)));
        Assert.Equal(
            [("cus_a", "FR", "organic", "smb"), ("cus_b", null, null, null), ("cus_c", "DE", "referral", null)],
            february.Closing.Select(row => (row.CustomerId, row.Country, row.Channel, row.Segment)));
        Assert.Equal((100m, 100m, 0m), (Segment(february, "country", "NL").ChurnedMrr, Segment(february, "country", "FR").NewMrr, february.Kpis.NewMrr));
        Assert.Equal(70m, Segment(february, "country", "DE").ChurnedMrr);
        Assert.Equal((50m, 50m), (Segment(february, "channel", "(none)").StartMrr, Segment(february, "channel", "(none)").Mrr));
    }

    [Fact]
    public void Compute_FutureDatedUpgradeAndFutureSubscription_CmrrCommitsToThem()
    {
        // Both future-dated lines were issued in January: known future changes from then on.
        var closes = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null, line => line with { SubscriptionId = "sub_1" })
            .Line("cus_a", 150m, On(4, 1), null, line => line with { SubscriptionId = "sub_1", IssuedAt = On(1, 20) })
            .Line("cus_a", 50m, On(1, 1), null, line => line with { SubscriptionId = "sub_2" })
            .Line("cus_b", 30m, On(3, 1), null, line => line with { IssuedAt = On(1, 20) })
            .CloseMonths(Month(1), Month(4));

        Assert.Equal([150m, 150m, 180m, 230m], closes.Values.Select(close => close.Kpis.Mrr));
        Assert.Equal([230m, 230m, 230m, 230m], closes.Values.Select(close => close.Kpis.Cmrr));
    }

    /// <summary>
    /// METRICS.md §1: CMRR adds the future-dated changes known at <c>T_m</c>. The same upgrade and new subscription,
    /// issued only when they start (1 April, 1 March): January and February commit what they knew (150), March knows the
    /// new subscription (180), and April has both. A closed month's CMRR never counts an invoice issued after it.
    /// </summary>
    [Fact]
    public void Compute_FutureLinesIssuedWhenTheyStart_CmrrCountsThemOnlyOnceKnown()
    {
        var closes = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null, line => line with { SubscriptionId = "sub_1" })
            .Line("cus_a", 150m, On(4, 1), null, line => line with { SubscriptionId = "sub_1" })
            .Line("cus_a", 50m, On(1, 1), null, line => line with { SubscriptionId = "sub_2" })
            .Line("cus_b", 30m, On(3, 1), null)
            .Line("cus_c", 40m, On(5, 1), null, line => line with { IssuedAt = null, Origin = LineOrigin.SubscriptionSnapshot, SubscriptionId = "sub_c", SnapshotTakenAt = On(2, 10) })
            .CloseMonths(Month(1), Month(4));

        Assert.Equal([150m, 150m, 180m, 230m], closes.Values.Select(close => close.Kpis.Mrr));
        Assert.Equal([150m, 190m, 220m, 270m], closes.Values.Select(close => close.Kpis.Cmrr));
    }

    [Fact]
    public void Compute_Ex1InvoicedAhead_CmrrIsTheLatestLineUntilServiceEnds()
    {
        // Every invoice was issued ahead, in January: from then on the May price is a known future change.
        var closes = new LedgerBuilder()
            .MonthlyInvoices("cus_a", 100m, fromMonth: 1, months: 2, line => line with { IssuedAt = On(1, 5) })
            .MonthlyInvoices("cus_a", 150m, fromMonth: 3, months: 2, line => line with { IssuedAt = On(1, 5) })
            .MonthlyInvoices("cus_a", 120m, fromMonth: 5, months: 2, line => line with { IssuedAt = On(1, 5) })
            .CloseMonths(Month(1), Month(7));

        // Scheduled cancellations are not in canonical data: at the end of June CMRR is still the June amount.
        Assert.Equal([120m, 120m, 120m, 120m, 120m, 120m, 0m], closes.Values.Select(close => close.Kpis.Cmrr));
    }

    [Fact]
    public void Compute_FutureUsdLine_CmrrAtThisMonthsRateOrNullWithoutOne()
    {
        var engine = new LedgerBuilder()
            .Line("cus_eur", 100m, On(1, 1), null)
            .Line("cus_usd", 200m, On(6, 1), null, line => line with { Currency = Usd, IssuedAt = On(1, 15) })
            .Engine();

        var withRate = MonthEndCalculator.Compute(Month(1), [], engine, new MonthEndContext { Rates = UsdToEur((1, 0.9m)) });
        var withoutRate = MonthEndCalculator.Compute(Month(1), [], engine);

        Assert.Equal((100m, 280m), (withRate.Kpis.Mrr, withRate.Kpis.Cmrr));
        Assert.Equal(100m, withoutRate.Kpis.Mrr);
        Assert.Null(withoutRate.Kpis.Cmrr);
    }

    private static MonthEndContext Attributes(params CustomerRecord[] records) =>
        new() { Customers = records.ToDictionary(record => record.CustomerId, StringComparer.Ordinal) };
}
