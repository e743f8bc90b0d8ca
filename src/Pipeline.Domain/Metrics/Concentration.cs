using System.Buffers;

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

        return Of(customerMrr.Where(mrr => mrr > 0m).ToArray());
    }

    /// <summary>The concentration figures of a month-end snapshot's customers (each customer's MRR).</summary>
    public static ConcentrationFigures OfCustomers(IReadOnlyList<CustomerMonthEnd> closing)
    {
        ArgumentNullException.ThrowIfNull(closing);

        if (closing is ClosingSnapshot snapshot)
        {
            // The close lists the rows with MRR > 0: the dormant rows of a long history are never visited.
            var active = new decimal[snapshot.ActiveRows.Count];
            for (var index = 0; index < active.Length; index++)
            {
                active[index] = snapshot.Rows[snapshot.ActiveRows[index]].Mrr;
            }

            return Of(active);
        }

        return Of(closing.Select(customer => customer.Mrr));
    }

    /// <param name="largestFirst">Every MRR &gt; 0, in any order; sorted here, largest first.</param>
    private static ConcentrationFigures Of(decimal[] largestFirst)
    {
        if (largestFirst.Length == 0)
        {
            return None;
        }

        SortLargestFirst(largestFirst);
        var total = SumOfLargest(largestFirst, largestFirst.Length);
        return new ConcentrationFigures(
            Top20PercentShare: SumOfLargest(largestFirst, TopFifthCount(largestFirst.Length)) / total,
            CustomerFractionFor80Percent: (decimal)CustomersFor80Percent(largestFirst, total) / largestFirst.Length,
            Top10Share: SumOfLargest(largestFirst, 10) / total,
            Gini: Gini(largestFirst, total),
            Herfindahl: Herfindahl(largestFirst, total));
    }

    /// <summary>Sorts <paramref name="values"/> largest first, exactly.</summary>
    /// <remarks>
    /// Comparing decimals is slow, so the values are sorted by their nearest doubles first (several times faster), then an
    /// insertion pass with decimal comparisons puts right whatever the doubles could not tell apart (values closer than a
    /// double's precision): it moves only those, so it costs one comparison per value when there are none.
    /// </remarks>
    internal static void SortLargestFirst(decimal[] values)
    {
        var keys = ArrayPool<double>.Shared.Rent(values.Length);
        try
        {
            for (var index = 0; index < values.Length; index++)
            {
                keys[index] = -(double)values[index];
            }

            Array.Sort(keys, values, 0, values.Length);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(keys);
        }

        for (var index = 1; index < values.Length; index++)
        {
            var value = values[index];
            var at = index;
            while (at > 0 && values[at - 1] < value)
            {
                values[at] = values[at - 1];
                at--;
            }

            values[at] = value;
        }
    }

    /// <summary>⌈0.2 N⌉ without leaving integers.</summary>
    private static int TopFifthCount(int customers) => (customers + 4) / 5;

    private static decimal SumOfLargest(decimal[] largestFirst, int count)
    {
        var sum = 0m;
        for (var index = 0; index < count && index < largestFirst.Length; index++)
        {
            sum += largestFirst[index];
        }

        return sum;
    }

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

    /// <summary>Σ (x ÷ total)², computed as Σ x² ÷ total ÷ total: one division per month instead of one per customer.</summary>
    /// <remarks>
    /// Every x ≤ total, so Σ x² ≤ total²: while total ≤ 10¹⁴ the sum stays far inside decimal's range. A larger total
    /// (possible in a currency of small units) squares the shares instead, which are all ≤ 1.
    /// </remarks>
    private static decimal Herfindahl(decimal[] largestFirst, decimal total)
    {
        var squares = 0m;
        if (total <= 100_000_000_000_000m)
        {
            foreach (var mrr in largestFirst)
            {
                squares += mrr * mrr;
            }

            return squares / total / total;
        }

        foreach (var mrr in largestFirst)
        {
            var share = mrr / total;
            squares += share * share;
        }

        return squares;
    }
}
