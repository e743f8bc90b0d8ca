namespace Pipeline.Domain.Metrics;

/// <summary>NRR12 and GRR12: what became of the MRR of the customers active at <c>T_{m−12}</c> (METRICS.md §3).</summary>
/// <remarks>
/// The base is fixed at <c>T_{m−12}</c>, so customers won since then never inflate the figure and reactivated base
/// customers count with whatever they pay now. A base customer missing from the closing snapshot pays 0.
/// GRR12 caps each customer at its base MRR, so expansion of one customer cannot hide the loss of another.
/// Both are null when nobody paid twelve months before: a ratio to nothing is not 0 %.
/// </remarks>
public static class TwelveMonthRetention
{
    /// <summary>Retention from the snapshot of <c>T_{m−12}</c> to the snapshot of <c>T_m</c>.</summary>
    /// <param name="twelveMonthsBefore">The locked per-customer snapshot of month m−12 (one row per customer).</param>
    /// <param name="closing">The per-customer snapshot of month m (one row per customer).</param>
    public static TwelveMonthRetentionFigures Of(
        IReadOnlyCollection<CustomerMonthEnd> twelveMonthsBefore, IReadOnlyCollection<CustomerMonthEnd> closing)
    {
        ArgumentNullException.ThrowIfNull(twelveMonthsBefore);
        ArgumentNullException.ThrowIfNull(closing);

        var (baseMrr, retained, capped) = twelveMonthsBefore is ClosingSnapshot before && closing is ClosingSnapshot now
            ? Merged(before, now)
            : LookedUp(twelveMonthsBefore, closing);
        return baseMrr == 0m
            ? new TwelveMonthRetentionFigures(null, null)
            : new TwelveMonthRetentionFigures(retained / baseMrr, capped / baseMrr);
    }

    /// <summary>
    /// Two snapshots the close produced: both in strict id order with their active rows listed, so the active rows of
    /// both are walked side by side (a base customer not active now pays 0) with no hashing and no dormant row visited.
    /// </summary>
    private static (decimal Base, decimal Retained, decimal Capped) Merged(ClosingSnapshot before, ClosingSnapshot now)
    {
        var (baseMrr, retained, capped) = (0m, 0m, 0m);
        var (nowRows, nowActive, next) = (now.Rows, now.ActiveRows, 0);
        foreach (var row in before.ActiveRows)
        {
            var customer = before.Rows[row];
            while (next < nowActive.Count && string.CompareOrdinal(nowRows[nowActive[next]].CustomerId, customer.CustomerId) < 0)
            {
                next++;
            }

            var current = next < nowActive.Count && string.Equals(nowRows[nowActive[next]].CustomerId, customer.CustomerId, StringComparison.Ordinal)
                ? nowRows[nowActive[next]].Mrr
                : 0m;
            baseMrr += customer.Mrr;
            retained += current;
            capped += Math.Min(current, customer.Mrr);
        }

        return (baseMrr, retained, capped);
    }

    /// <summary>Any two snapshots (a locked one read back from storage): the current MRR looked up by id.</summary>
    private static (decimal Base, decimal Retained, decimal Capped) LookedUp(
        IReadOnlyCollection<CustomerMonthEnd> twelveMonthsBefore, IReadOnlyCollection<CustomerMonthEnd> closing)
    {
        var now = new Dictionary<string, decimal>(closing.Count, StringComparer.Ordinal);
        foreach (var customer in closing)
        {
            now.Add(customer.CustomerId, customer.Mrr);
        }

        var (baseMrr, retained, capped) = (0m, 0m, 0m);
        foreach (var customer in twelveMonthsBefore)
        {
            if (customer.Mrr <= 0m)
            {
                continue;
            }

            var current = now.GetValueOrDefault(customer.CustomerId);
            baseMrr += customer.Mrr;
            retained += current;
            capped += Math.Min(current, customer.Mrr);
        }

        return (baseMrr, retained, capped);
    }
}
