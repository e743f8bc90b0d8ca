using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>METRICS.md §5 Segments: the movement identity per segment, and segments that add up to the tenant.</summary>
public sealed partial class MonthEndCalculatorTests
{
    [Fact]
    public void Compute_PlanChangeFromAToB_ChurnInANewInBAndExpansionForTheTenant()
    {
        var february = new LedgerBuilder()
            .MonthlyInvoices("cus_p", 100m, fromMonth: 1, months: 1, line => line with { Plan = "A", SubscriptionId = "sub_p" })
            .MonthlyInvoices("cus_p", 150m, fromMonth: 2, months: 1, line => line with { Plan = "B", SubscriptionId = "sub_p" })
            .CloseMonths(Month(1), Month(2))[Month(2)];

        var (planA, planB) = (Segment(february, SegmentDimensions.Plan, "A"), Segment(february, SegmentDimensions.Plan, "B"));
        Assert.Equal((100m, 0m, 100m, 1, 0), (planA.StartMrr, planA.Mrr, planA.ChurnedMrr, planA.ChurnedCustomers, planA.Customers));
        Assert.Equal((0m, 150m, 150m, 1, 1), (planB.StartMrr, planB.Mrr, planB.NewMrr, planB.NewCustomers, planB.Customers));
        Assert.Equal(planA.Mrr, planA.StartMrr - planA.ChurnedMrr);
        Assert.Equal(planB.Mrr, planB.StartMrr + planB.NewMrr);
        Assert.Equal(50m, Segment(february, SegmentDimensions.Product, SegmentDimensions.None).ExpansionMrr);
        Assert.Equal((50m, 0m, 0m), (february.Kpis.ExpansionMrr, february.Kpis.NewMrr, february.Kpis.ChurnedMrr));
    }

    [Fact]
    public void Compute_MixedTenantOverFourMonths_EveryDimensionAddsUpAndEverySegmentKeepsTheIdentity()
    {
        var closes = MixedTenant();

        foreach (var close in closes.Values)
        {
            var kpis = close.Kpis;
            foreach (var dimension in close.Segments.GroupBy(segment => segment.Dimension))
            {
                Assert.Equal(kpis.Mrr, dimension.Sum(segment => segment.Kpis.Mrr));
                Assert.Equal(kpis.StartMrr, dimension.Sum(segment => segment.Kpis.StartMrr));
                Assert.Equal(kpis.FxImpactMrr, dimension.Sum(segment => segment.Kpis.FxImpactMrr));
            }

            Assert.All(close.Segments, segment => Assert.Equal(segment.Kpis.Mrr, IdentityEnd(segment.Kpis)));
            Assert.Equal(SegmentDimensions.All, close.Segments.Select(segment => segment.Dimension).Distinct());
        }
    }

    [Fact]
    public void Compute_MixedTenantOverFourMonths_SegmentsShowMovesBetweenValues()
    {
        var closes = MixedTenant();

        var march = closes[Month(3)];
        Assert.Equal((20m, 20m), (Segment(march, SegmentDimensions.Country, "FR").ChurnedMrr, Segment(march, SegmentDimensions.Country, "ES").NewMrr));
        Assert.Equal((300m, 500m), (Segment(march, SegmentDimensions.Plan, "basic").ChurnedMrr, Segment(march, SegmentDimensions.Plan, "pro").NewMrr));
        Assert.Equal(5m + 60m, Segment(march, SegmentDimensions.Currency, "USD").FxImpactMrr);
        var april = closes[Month(4)];
        Assert.Equal((80m, 1), (Segment(april, SegmentDimensions.Plan, SegmentDimensions.None).ReactivationMrr, april.Kpis.ReactivatedCustomers));
        Assert.Equal(80m, Segment(april, SegmentDimensions.Band, "<100").ReactivationMrr);
    }

    [Fact]
    public void Compute_TierDimension_TopTwentyPercentByMrrWithTiesByCustomerId()
    {
        var closes = new LedgerBuilder()
            .Line("cus_a", 10m, On(1, 1), On(2, 1)).Line("cus_a", 1000m, On(2, 1), null)
            .Line("cus_b", 50m, On(1, 1), null)
            .Line("cus_c", 300m, On(1, 1), null)
            .Line("cus_d", 300m, On(1, 1), null)
            .Line("cus_e", 300m, On(1, 1), null)
            .Line("cus_f", 100m, On(1, 1), null)
            .CloseMonths(Month(1), Month(2));

        var (top, rest) = (Segment(closes[Month(1)], SegmentDimensions.Tier, "top20"), Segment(closes[Month(1)], SegmentDimensions.Tier, "rest"));
        Assert.Equal((600m, 2, 460m, 4), (top.Mrr, top.Customers, rest.Mrr, rest.Customers));
        (top, rest) = (Segment(closes[Month(2)], SegmentDimensions.Tier, "top20"), Segment(closes[Month(2)], SegmentDimensions.Tier, "rest"));
        Assert.Equal((600m, 1300m, 1000m, 300m), (top.StartMrr, top.Mrr, top.NewMrr, top.ChurnedMrr));
        Assert.Equal((460m, 750m, 300m, 10m), (rest.StartMrr, rest.Mrr, rest.NewMrr, rest.ChurnedMrr));
        Assert.Equal(990m, closes[Month(2)].Kpis.ExpansionMrr);
    }

    [Fact]
    public void Compute_MrrBands_NamedFromTheLowerBoundsAndLowerBoundIncluded()
    {
        var january = new LedgerBuilder()
            .Line("cus_a", 50m, On(1, 1), null).Line("cus_b", 100m, On(1, 1), null).Line("cus_c", 999m, On(1, 1), null)
            .Line("cus_d", 1000m, On(1, 1), null).Line("cus_e", 5000m, On(1, 1), null)
            .CloseMonths(Month(1), Month(1), context: new MonthEndContext { MrrBands = [100m, 1000m] })[Month(1)];

        var bands = january.Segments.Where(segment => segment.Dimension == SegmentDimensions.Band).ToList();
        Assert.Equal(["<100", "100-1000", ">=1000"], bands.Select(band => band.Value));
        Assert.Equal([(50m, 1), (1099m, 2), (6000m, 2)], bands.Select(band => (band.Kpis.Mrr, band.Kpis.Customers)));
    }

    [Fact]
    public void Compute_NoMrrBandsSet_NoBandDimension()
    {
        var january = new LedgerBuilder().Line("cus_a", 50m, On(1, 1), null).CloseMonths(Month(1), Month(1))[Month(1)];

        Assert.DoesNotContain(january.Segments, segment => segment.Dimension == SegmentDimensions.Band);
        Assert.Equal(
            [("plan", "(none)"), ("product", "(none)"), ("currency", "EUR"), ("country", "(none)"), ("channel", "(none)"), ("segment", "(none)"), ("tier", "top20")],
            january.Segments.Select(segment => (segment.Dimension, segment.Value)));
    }

    [Fact]
    public void Compute_MrrBandsNotAscending_ThrowsArgumentException()
    {
        var engine = new LedgerBuilder().Line("cus_a", 50m, On(1, 1), null).Engine();

        Assert.Throws<ArgumentException>(() => MonthEndCalculator.Compute(Month(1), [], engine, new MonthEndContext { MrrBands = [1000m, 100m] }));
    }

    [Fact]
    public void Compute_CustomerOnTwoPlans_CountedOnceInEachAndOncePerCurrency()
    {
        var january = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null, line => line with { Plan = "pro", SubscriptionId = "sub_1" })
            .Line("cus_a", 20m, On(1, 1), null, line => line with { Plan = "addon", SubscriptionId = "sub_2" })
            .Line("cus_a", 30m, On(1, 1), null, line => line with { Plan = "addon", SubscriptionId = "sub_3", Product = "seats" })
            .CloseMonths(Month(1), Month(1))[Month(1)];

        Assert.Equal((50m, 1), (Segment(january, SegmentDimensions.Plan, "addon").Mrr, Segment(january, SegmentDimensions.Plan, "addon").Customers));
        Assert.Equal((100m, 1), (Segment(january, SegmentDimensions.Plan, "pro").Mrr, Segment(january, SegmentDimensions.Plan, "pro").NewCustomers));
        Assert.Equal((150m, 1), (Segment(january, SegmentDimensions.Currency, "EUR").Mrr, Segment(january, SegmentDimensions.Currency, "EUR").Customers));
    }

    /// <summary>
    /// Four months, two currencies, plans, attributes and bands: cus_a 100 USD throughout; cus_b 300 basic then 500 pro
    /// from March; cus_c 50 in January, back at 80 in April; cus_d from February on two USD plans; cus_e 20 throughout,
    /// moving from France to Spain in March. 1 USD = 0.90, 0.80, 0.85, 0.95 EUR.
    /// </summary>
    private static SortedDictionary<BillingMonth, MonthEndResult> MixedTenant()
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null, line => line with { Currency = Usd, Plan = "pro", Product = "api" })
            .MonthlyInvoices("cus_b", 300m, fromMonth: 1, months: 2, line => line with { Plan = "basic", SubscriptionId = "sub_b" })
            .MonthlyInvoices("cus_b", 500m, fromMonth: 3, months: 2, line => line with { Plan = "pro", SubscriptionId = "sub_b" })
            .MonthlyInvoices("cus_c", 50m, fromMonth: 1, months: 1)
            .Line("cus_c", 80m, On(4, 1), null)
            .Line("cus_d", 1000m, On(2, 1), null, line => line with { Currency = Usd, Plan = "pro", SubscriptionId = "sub_d1" })
            .Line("cus_d", 200m, On(2, 1), null, line => line with { Currency = Usd, Plan = "addon", SubscriptionId = "sub_d2" })
            .Line("cus_e", 20m, On(1, 1), null, line => line with { Plan = "basic" })
            .Engine();
        var rates = UsdToEur((1, 0.9m), (2, 0.8m), (3, 0.85m), (4, 0.95m));
        var closes = new SortedDictionary<BillingMonth, MonthEndResult>();
        IReadOnlyCollection<CustomerMonthEnd> opening = [];
        for (var month = Month(1); month <= Month(4); month = month.Next())
        {
            var customers = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal)
            {
                ["cus_a"] = new() { CustomerId = "cus_a", Country = "NL", Channel = "organic", Segment = "smb" },
                ["cus_b"] = new() { CustomerId = "cus_b", Country = "DE", Channel = "google_ads" },
                ["cus_e"] = new() { CustomerId = "cus_e", Country = month < Month(3) ? "FR" : "ES" },
            };
            var context = new MonthEndContext { Rates = rates, Customers = customers, MrrBands = [100m, 1000m] };
            closes[month] = MonthEndCalculator.Compute(month, opening, engine, context);
            opening = closes[month].Closing;
        }

        return closes;
    }

    private static MonthlyKpis Segment(MonthEndResult close, string dimension, string value) =>
        close.Segments.Single(segment => segment.Dimension == dimension && segment.Value == value).Kpis;

    private static decimal IdentityEnd(MonthlyKpis kpis) =>
        kpis.StartMrr + kpis.NewMrr + kpis.ExpansionMrr + kpis.ReactivationMrr - kpis.ContractionMrr - kpis.ChurnedMrr + kpis.FxImpactMrr;
}
