using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>The value matrix as a KPI dimension: each side of a customer in the value segment it has at that month end.</summary>
public sealed partial class MonthEndCalculatorTests
{
    [Fact]
    public void Compute_ValueSegments_EachSideInItsMonthEndsSegmentAndTheSegmentsAddUp()
    {
        // January: a 10, b 50, c 300, d 300, e 300, f 100 — the top 20 % of 6 is 2: c and d (ties by id).
        // February: a rises to 1,000, b leaves — the top of 5 is 1: a. Referrers b and e; CLV quintile 1 is f in
        // January and e in February.
        var inputs = new ValueSegmentInputs(
            new HashSet<string>(["cus_b", "cus_e"], StringComparer.Ordinal),
            new Dictionary<BillingMonth, IReadOnlySet<string>>
            {
                [Month(1)] = new HashSet<string>(["cus_f"], StringComparer.Ordinal),
                [Month(2)] = new HashSet<string>(["cus_e"], StringComparer.Ordinal),
            });
        var closes = new LedgerBuilder()
            .Line("cus_a", 10m, On(1, 1), On(2, 1)).Line("cus_a", 1000m, On(2, 1), null)
            .Line("cus_b", 50m, On(1, 1), On(2, 1))
            .Line("cus_c", 300m, On(1, 1), null)
            .Line("cus_d", 300m, On(1, 1), null)
            .Line("cus_e", 300m, On(1, 1), null)
            .Line("cus_f", 100m, On(1, 1), null)
            .CloseMonths(Month(1), Month(2), context: new MonthEndContext { ValueSegments = inputs });

        // January: a basic; b and e strategic (e is not in the top: c and d took it); c, d (top) and f (quintile 1) revenue.
        var january = ValueSegments(closes[Month(1)]);
        Assert.Equal(["basic", "revenue", "strategic"], january.Keys);
        Assert.Equal((10m, 1), (january["basic"].Mrr, january["basic"].Customers));
        Assert.Equal((700m, 3), (january["revenue"].Mrr, january["revenue"].Customers));
        Assert.Equal((350m, 2), (january["strategic"].Mrr, january["strategic"].Customers));

        // February, start sides as in January, end sides: a revenue (top), e key (quintile 1, referrer), c, d, f basic;
        // b churned from strategic, its segment at the January end.
        var february = ValueSegments(closes[Month(2)]);
        Assert.Equal(["basic", "key", "revenue", "strategic"], february.Keys);
        var (basic, key, revenue, strategic) = (february["basic"], february["key"], february["revenue"], february["strategic"]);
        Assert.Equal((10m, 700m, 700m, 3, 10m, 1), (basic.StartMrr, basic.Mrr, basic.NewMrr, basic.NewCustomers, basic.ChurnedMrr, basic.ChurnedCustomers));
        Assert.Equal((0m, 300m, 300m, 1), (key.StartMrr, key.Mrr, key.NewMrr, key.Customers));
        Assert.Equal((700m, 1000m, 1000m, 700m, 3), (revenue.StartMrr, revenue.Mrr, revenue.NewMrr, revenue.ChurnedMrr, revenue.ChurnedCustomers));
        Assert.Equal((350m, 0m, 350m, 2, 0), (strategic.StartMrr, strategic.Mrr, strategic.ChurnedMrr, strategic.ChurnedCustomers, strategic.Customers));

        var headline = closes[Month(2)].Kpis;
        Assert.Equal((2000m, 1060m, 5), (headline.Mrr, headline.StartMrr, headline.Customers));
        Assert.Equal(headline.Mrr, february.Values.Sum(segment => segment.Mrr));
        Assert.Equal(headline.StartMrr, february.Values.Sum(segment => segment.StartMrr));
        Assert.Equal(headline.Customers, february.Values.Sum(segment => segment.Customers));
        Assert.All(february.Values, segment => Assert.Equal(segment.Mrr, IdentityEnd(segment)));
    }

    [Fact]
    public void Compute_ValueSegmentsInParallelSlices_SameAsOneMerge_AndAddUpToTheTenant()
    {
        var (engine, context) = GeneratedTenant(customers: 400);
        var ids = MonthEndCalculator.Compute(Month(8), [], engine, context).Closing.Select(row => row.CustomerId).ToList();
        var top = new Dictionary<BillingMonth, IReadOnlySet<string>>();
        for (var month = Month(1); month <= Month(8); month = month.Next())
        {
            top[month] = ids.Where((_, index) => (index + month.Month) % 5 == 0).ToHashSet(StringComparer.Ordinal);
        }

        context = context with { ValueSegments = new ValueSegmentInputs(ids.Where((_, index) => index % 3 == 0).ToHashSet(StringComparer.Ordinal), top) };
        IReadOnlyCollection<CustomerMonthEnd> opening = [];
        for (var month = Month(1); month <= Month(8); month = month.Next())
        {
            var plain = MonthEndCalculator.Compute(month, [.. opening], engine, context, parallelThreshold: int.MaxValue);
            var fast = MonthEndCalculator.Compute(month, opening, engine, context, parallelThreshold: 0);

            Assert.Equal(plain.Segments, fast.Segments);
            var values = fast.Segments.Where(segment => segment.Dimension == SegmentDimensions.ValueSegment).Select(segment => segment.Kpis).ToList();
            Assert.True(values.Count >= 3);
            Assert.Equal((fast.Kpis.Mrr, fast.Kpis.StartMrr, fast.Kpis.FxImpactMrr), (values.Sum(kpis => kpis.Mrr), values.Sum(kpis => kpis.StartMrr), values.Sum(kpis => kpis.FxImpactMrr)));
            opening = fast.Closing;
        }
    }

    [Fact]
    public void Compute_NoValueSegmentInputs_NoValueSegmentDimension()
    {
        var january = new LedgerBuilder().Line("cus_a", 50m, On(1, 1), null).CloseMonths(Month(1), Month(1))[Month(1)];

        Assert.DoesNotContain(january.Segments, segment => segment.Dimension == SegmentDimensions.ValueSegment);
    }

    private static SortedDictionary<string, MonthlyKpis> ValueSegments(MonthEndResult close) =>
        new(
            close.Segments.Where(segment => segment.Dimension == SegmentDimensions.ValueSegment).ToDictionary(segment => segment.Value, segment => segment.Kpis),
            StringComparer.Ordinal);
}
