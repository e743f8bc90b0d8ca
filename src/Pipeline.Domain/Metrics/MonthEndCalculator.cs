using System.Globalization;

namespace Pipeline.Domain.Metrics;

/// <summary>Computes one month end <c>T_m</c>: movements, FX impact, KPIs, segments and the per-customer snapshot.</summary>
/// <remarks>
/// <para>
/// The same computation serves a provisional month and a close; only the close locks its result.
/// Implements METRICS.md §1 Currency, §2, §3 and §5. The start of every customer (S) comes from the locked snapshot of
/// the previous month, never from the ledger, so late data for a locked month lands in the first open month (§6).
/// The end (E) is the engine's native parts at <c>T_m</c> converted at the month-end rate <c>r_m</c>. Movements are
/// measured at <c>r_m</c> against the start restated at <c>r_m</c>, and the rest is FX impact, so the identity
/// <c>Mrr = StartMrr + New + Expansion + Reactivation − Contraction − Churned + FxImpact</c> holds; it is checked for
/// the tenant and for every segment before a result is returned. Feeding each result's
/// <see cref="MonthEndResult.Closing"/> into the next month keeps the chain consistent.
/// </para>
/// <para>
/// The snapshot keeps every customer who ever paid, so it grows with the tenant's history. Both it and the
/// engine's month are in customer-id order, and the close is one merge of the two: no hashing, no sorting. A large
/// month is merged as two id ranges on two threads whose sums are then added up; the result is the same.
/// </para>
/// </remarks>
public static class MonthEndCalculator
{
    /// <summary>Months with fewer opening rows plus ledger customers than this are computed on one thread.</summary>
    internal const int ParallelThreshold = 20_000;

    /// <param name="month">The month to compute.</param>
    /// <param name="opening">The locked snapshot of the previous month; empty for a tenant's first month.</param>
    /// <param name="revenue">The MRR engine over the tenant's ledger.</param>
    /// <param name="context">Exchange rates, customer attributes and MRR bands; null is <see cref="MonthEndContext.Empty"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="opening"/> lists a customer twice or a negative MRR, or the bands are not ascending.</exception>
    /// <exception cref="MissingExchangeRateException">A currency in use this month has no rate: the month cannot be closed.</exception>
    /// <exception cref="InvalidOperationException">The movements do not add up (a bug).</exception>
    public static MonthEndResult Compute(
        BillingMonth month, IReadOnlyCollection<CustomerMonthEnd> opening, MonthlyRecurringRevenue revenue, MonthEndContext? context = null) =>
        Compute(month, opening, revenue, context, ParallelThreshold);

    /// <summary>As the public overload; <paramref name="parallelThreshold"/> lets tests force one slice or two.</summary>
    /// <param name="month">The month to compute.</param>
    /// <param name="opening">The locked snapshot of the previous month.</param>
    /// <param name="revenue">The MRR engine.</param>
    /// <param name="context">Rates, attributes and bands; null is empty.</param>
    /// <param name="parallelThreshold">Below this many opening rows plus ledger customers the month is one slice.</param>
    internal static MonthEndResult Compute(
        BillingMonth month, IReadOnlyCollection<CustomerMonthEnd> opening, MonthlyRecurringRevenue revenue, MonthEndContext? context, int parallelThreshold)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(revenue);
        using var activity = revenue.ActivityAt(month);
        var work = new MonthEndWork(month, revenue, activity, context ?? MonthEndContext.Empty, parallelThreshold);
        var start = opening as IReadOnlyList<CustomerMonthEnd> ?? [.. opening];
        return TryClose(work, start) ?? TryClose(work, InIdOrder(start)) ?? throw RepeatedCustomer(InIdOrder(start));
    }

    /// <summary>The month end by merging the snapshot and the ledger, in two slices in parallel when the month is large.</summary>
    /// <returns>Null when the snapshot is not in strict id order.</returns>
    private static MonthEndResult? TryClose(MonthEndWork work, IReadOnlyList<CustomerMonthEnd> start)
    {
        var ranges = MonthEndRange.Split(start, work.Activity.Customers, work.ParallelThreshold);
        var startTier = (start as ClosingSnapshot)?.EndTier;
        var monthRows = start.Count + work.Activity.Customers.Length;
        var builders = ranges.Select((range, index) => work.Builder(
            index == 0 ? monthRows : range.OpeningEnd - range.OpeningStart + range.LedgerEnd - range.LedgerStart)).ToArray();
        if (ranges.Length == 1)
        {
            return MonthEndMerge.Merge(work, start, ranges[0], builders[0]) ? builders[0].ToResult(startTier) : null;
        }

        var upper = Task.Run(() => MonthEndMerge.Merge(work, start, ranges[1], builders[1]));
        bool lowerInOrder;
        try
        {
            lowerInOrder = MonthEndMerge.Merge(work, start, ranges[0], builders[0]);
        }
        catch
        {
            ((IAsyncResult)upper).AsyncWaitHandle.WaitOne();
            _ = upper.Exception;
            throw;
        }

        var upperInOrder = upper.GetAwaiter().GetResult();
        return lowerInOrder && upperInOrder ? builders[0].Absorb(builders[1]).ToResult(startTier) : null;
    }

    private static List<CustomerMonthEnd> InIdOrder(IReadOnlyList<CustomerMonthEnd> opening) =>
        [.. opening.OrderBy(entry => entry.CustomerId, StringComparer.Ordinal)];

    private static ArgumentException RepeatedCustomer(List<CustomerMonthEnd> opening)
    {
        var repeated = opening.Where((entry, index) => index > 0 && entry.CustomerId == opening[index - 1].CustomerId).First();
        return new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"The opening snapshot lists customer '{repeated.CustomerId}' more than once."),
            nameof(opening));
    }
}
