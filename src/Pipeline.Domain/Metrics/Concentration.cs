namespace Pipeline.Domain.Metrics;

/// <summary>How concentrated MRR is across customers at one month end (METRICS.md §5).</summary>
/// <remarks>
/// Only customers with MRR &gt; 0 take part: a churned customer with 0 is not a small customer, and counting it would
/// make every business look more concentrated the longer it has existed. With no such customer every figure is null —
/// a share of nothing has no value. One descending sort serves every figure, so the cost is O(N log N).
/// Arithmetic stays in <see cref="decimal"/>; each figure is built from sums and a single final division where
/// possible, so simple inputs give exact answers.
/// </remarks>
public static class Concentration
{
    private static readonly ConcentrationFigures None = new(null, null, null, null, null);

    /// <summary>The concentration figures of the given customer MRR values (reporting currency, any order).</summary>
    public static ConcentrationFigures Of(IEnumerable<decimal> customerMrr)
    {
        ArgumentNullException.ThrowIfNull(customerMrr);

        var largestFirst = customerMrr.Where(mrr => mrr > 0m).ToArray();
        if (largestFirst.Length == 0)
        {
            return None;
        }

        // Sorted ascending with the default comparer, then reversed: several times faster than a comparison delegate.
        Array.Sort(largestFirst);
        Array.Reverse(largestFirst);
        var total = largestFirst.Sum();
        return new ConcentrationFigures(
            Top20PercentShare: SumOfLargest(largestFirst, TopFifthCount(largestFirst.Length)) / total,
            CustomerFractionFor80Percent: (decimal)CustomersFor80Percent(largestFirst, total) / largestFirst.Length,
            Top10Share: SumOfLargest(largestFirst, 10) / total,
            Gini: Gini(largestFirst, total),
            Herfindahl: Herfindahl(largestFirst, total));
    }

    /// <summary>⌈0.2 N⌉ without leaving integers.</summary>
    private static int TopFifthCount(int customers) => (customers + 4) / 5;

    private static decimal SumOfLargest(decimal[] largestFirst, int count) =>
        largestFirst.Take(count).Sum();

    /// <summary>The smallest k such that the k largest customers make at least 80 % of <paramref name="total"/>.</summary>
    private static int CustomersFor80Percent(decimal[] largestFirst, decimal total)
    {
        var target = 0.8m * total;
        var running = 0m;
        for (var k = 0; k < largestFirst.Length; k++)
        {
            running += largestFirst[k];
            if (running >= target)
            {
                return k + 1;
            }
        }

        return largestFirst.Length;
    }

    /// <summary>
    /// G = 2 Σ i·x_(i) ÷ (N Σ x) − (N + 1) ÷ N with x ascending and i = 1..N, computed as
    /// (2 Σ i·x_(i) − (N + 1) Σ x) ÷ (N Σ x) so that only one division rounds. One customer gives 0.
    /// </summary>
    private static decimal Gini(decimal[] largestFirst, decimal total)
    {
        var count = largestFirst.Length;
        var weighted = 0m;
        for (var k = 0; k < count; k++)
        {
            // Descending position k is ascending rank N − k.
            weighted += (count - k) * largestFirst[k];
        }

        return ((2m * weighted) - ((count + 1) * total)) / (count * total);
    }

    /// <summary>Σ (x ÷ total)²: squaring shares (all ≤ 1) rather than amounts keeps large totals from overflowing.</summary>
    private static decimal Herfindahl(decimal[] largestFirst, decimal total) =>
        largestFirst.Sum(mrr =>
        {
            var share = mrr / total;
            return share * share;
        });
}
