using System.Globalization;
using System.Runtime.InteropServices;

namespace Pipeline.Domain.Metrics;

/// <summary>Computes one month's close: movements, KPIs and the per-customer snapshot to lock.</summary>
/// <remarks>
/// <para>
/// Implements METRICS.md §2 and §3. The start of every customer (S) comes from the locked snapshot of the previous
/// month, never from the ledger, so late data for a locked month lands in the first open month (§6). The end (E)
/// is the engine's MRR at <c>T_m</c>. Feeding each result's <see cref="MonthCloseResult.Closing"/> into the next
/// month keeps the chain consistent: the identity <c>Mrr = StartMrr + New + Expansion + Reactivation −
/// Contraction − Churned</c> is checked before a result is returned.
/// </para>
/// <para>
/// The snapshot keeps every customer who ever paid, so it grows with the tenant's history. Both it and the
/// engine's month are in customer-id order, and the close is one merge of the two: no hashing, no sorting.
/// </para>
/// </remarks>
public static class MonthCloseCalculator
{
    /// <param name="month">The month to compute.</param>
    /// <param name="opening">The locked snapshot of the previous month; empty for a tenant's first month.</param>
    /// <param name="revenue">The MRR engine over the tenant's ledger.</param>
    /// <exception cref="ArgumentException"><paramref name="opening"/> lists a customer twice or a negative MRR.</exception>
    /// <exception cref="InvalidOperationException">The movements do not add up (a bug).</exception>
    public static MonthCloseResult Compute(
        BillingMonth month, IReadOnlyCollection<CustomerMonthEnd> opening, MonthlyRecurringRevenue revenue)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(revenue);
        var ledger = revenue.ActivityAt(month);
        var start = opening as IReadOnlyList<CustomerMonthEnd> ?? [.. opening];
        return TryClose(month, start, ledger, revenue)
            ?? TryClose(month, InIdOrder(start), ledger, revenue)
            ?? throw RepeatedCustomer(InIdOrder(start));
    }

    /// <summary>The close by one merge of the snapshot and the ledger; null when the snapshot is not in strict id order.</summary>
    /// <remarks>
    /// Order is verified during the merge, where each id is already in cache, instead of in a separate pass. Most
    /// snapshot rows of a long history are dormant (churned, nothing in the ledger this month): they are carried over.
    /// </remarks>
    private static MonthCloseResult? TryClose(
        BillingMonth month, IReadOnlyList<CustomerMonthEnd> start, List<CustomerMonthActivity> ledger, MonthlyRecurringRevenue revenue)
    {
        var tally = new MonthCloseTally(month, revenue.Settings.ReportingCurrency, start.Count + ledger.Count);
        var activities = CollectionsMarshal.AsSpan(ledger);
        var (nextStart, nextLedger) = (0, 0);
        string? previousId = null;
        while (nextStart < start.Count || nextLedger < activities.Length)
        {
            var before = nextStart < start.Count ? start[nextStart] : null;
            var order = before is null ? 1
                : nextLedger == activities.Length ? -1
                : string.CompareOrdinal(before.CustomerId, activities[nextLedger].CustomerId);
            if (order > 0)
            {
                AddCustomer(tally, null, activities[nextLedger++], revenue, month);
                continue;
            }

            if (string.CompareOrdinal(previousId, before!.CustomerId) >= 0)
            {
                return null;
            }

            (previousId, nextStart) = (before.CustomerId, nextStart + 1);
            if (order < 0 && before.Mrr == 0m)
            {
                tally.CarryDormant(before);
                continue;
            }

            var activity = order == 0 ? activities[nextLedger++] : new CustomerMonthActivity(before.CustomerId, 0m, false);
            AddCustomer(tally, Checked(before), activity, revenue, month);
        }

        return tally.ToResult();
    }

    private static void AddCustomer(
        MonthCloseTally tally, CustomerMonthEnd? before, CustomerMonthActivity activity, MonthlyRecurringRevenue revenue, BillingMonth month)
    {
        var startMrr = before?.Mrr ?? 0m;
        var paidBefore = before is not null && (before.EverPaid || before.Mrr > 0m);
        var movement = Classify(activity.CustomerId, startMrr, activity.Mrr, paidBefore, activity.StartedInMonth);
        tally.Add(Closing(before, activity.CustomerId, activity.Mrr, paidBefore), startMrr, movement?.WithDelinquency(revenue, month));
    }

    private static CustomerMovement? Classify(string customerId, decimal start, decimal end, bool paidBefore, bool startedInMonth)
    {
        if (start == end)
        {
            return start == 0m && startedInMonth
                ? new CustomerMovement(customerId, 0m, 0m, MovementType.None, 0m, SubscribedAndChurned: true)
                : null;
        }

        var (type, amount) = (start, end) switch
        {
            (0m, _) => (paidBefore ? MovementType.Reactivation : MovementType.New, end),
            (_, 0m) => (MovementType.Churn, start),
            _ when end > start => (MovementType.Expansion, end - start),
            _ => (MovementType.Contraction, start - end),
        };
        return new CustomerMovement(customerId, start, end, type, amount);
    }

    private static CustomerMovement WithDelinquency(this CustomerMovement movement, MonthlyRecurringRevenue revenue, BillingMonth month) =>
        movement.Type == MovementType.Churn && revenue.HasMrrIgnoringDelinquency(movement.CustomerId, month)
            ? movement with { Delinquent = true }
            : movement;

    /// <summary>The customer's snapshot row; an unchanged opening row is reused (most rows, in a long history).</summary>
    private static CustomerMonthEnd Closing(CustomerMonthEnd? before, string customerId, decimal endMrr, bool paidBefore)
    {
        var everPaid = paidBefore || endMrr > 0m;
        return before is not null && before.Mrr == endMrr && before.EverPaid == everPaid
            ? before
            : new CustomerMonthEnd(customerId, endMrr, everPaid);
    }

    private static CustomerMonthEnd Checked(CustomerMonthEnd entry) =>
        entry.Mrr >= 0m
            ? entry
            : throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The opening snapshot has a negative MRR for customer '{entry.CustomerId}'."));

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
