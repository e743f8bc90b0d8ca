using System.Globalization;

namespace Pipeline.Domain.Metrics;

/// <summary>Computes one month's close: movements, KPIs and the per-customer snapshot to lock.</summary>
/// <remarks>
/// Implements METRICS.md §2 and §3. The start of every customer (S) comes from the locked snapshot of the previous
/// month, never from the ledger, so late data for a locked month lands in the first open month (§6). The end (E)
/// is the engine's MRR at <c>T_m</c>. Feeding each result's <see cref="MonthCloseResult.Closing"/> into the next
/// month keeps the chain consistent: the identity <c>Mrr = StartMrr + New + Expansion + Reactivation −
/// Contraction − Churned</c> is checked before a result is returned.
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
        var start = OpeningById(opening);
        var end = revenue.CustomerMrrAt(month);
        var started = revenue.CustomersStartingIn(month);
        var tally = new MonthCloseTally(month, revenue.Settings.ReportingCurrency);
        foreach (var customerId in CustomersInOrder(start, end, started))
        {
            start.TryGetValue(customerId, out var before);
            var startMrr = before?.Mrr ?? 0m;
            var endMrr = end.GetValueOrDefault(customerId);
            var paidBefore = before is not null && (before.EverPaid || before.Mrr > 0m);
            var closing = new CustomerMonthEnd(customerId, endMrr, paidBefore || endMrr > 0m);
            var movement = Classify(customerId, startMrr, endMrr, paidBefore, started.Contains(customerId))
                ?.WithDelinquency(revenue, month);
            tally.Add(closing, startMrr, movement);
        }

        return tally.ToResult();
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

    private static Dictionary<string, CustomerMonthEnd> OpeningById(IReadOnlyCollection<CustomerMonthEnd> opening)
    {
        var byId = new Dictionary<string, CustomerMonthEnd>(opening.Count, StringComparer.Ordinal);
        foreach (var entry in opening)
        {
            if (entry.Mrr < 0m || !byId.TryAdd(entry.CustomerId, entry))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The opening snapshot has a negative or repeated entry for customer '{entry.CustomerId}'."),
                    nameof(opening));
            }
        }

        return byId;
    }

    /// <summary>Every customer in the opening, the end MRR or the month's starts, in ordinal id order.</summary>
    private static List<string> CustomersInOrder(
        Dictionary<string, CustomerMonthEnd> start, IReadOnlyDictionary<string, decimal> end, IReadOnlySet<string> started)
    {
        var customers = new List<string>(start.Count + end.Count);
        customers.AddRange(start.Keys);
        foreach (var customerId in end.Keys)
        {
            if (!start.ContainsKey(customerId))
            {
                customers.Add(customerId);
            }
        }

        foreach (var customerId in started)
        {
            if (!start.ContainsKey(customerId) && !end.ContainsKey(customerId))
            {
                customers.Add(customerId);
            }
        }

        customers.Sort(StringComparer.Ordinal);
        return customers;
    }
}
