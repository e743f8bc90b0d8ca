namespace Pipeline.Domain.Clv;

/// <summary>Builds the sBG survivor counts of a group from its subscribers' tenures, observed up to <c>asOf</c> (METRICS.md §8).</summary>
/// <remarks>
/// <para>
/// A cohort is the customers whose first recurring line starts in the same month with the same period length. The
/// t-th renewal of a customer who started in month c with a k-month period falls in month c + t·k; the customer made
/// it when it still had MRR at that month's end, i.e. when its first unpaid month is later. A renewal counts as
/// observed only when its month has ended by <c>asOf</c>; the customers alive after the last observed renewal are
/// right-censored.
/// </para>
/// <para>
/// The lifetime ends at the first unpaid month end: a customer who comes back is not alive in between, and the model's
/// one-way churn story has no return. Customers who start after <c>asOf</c> are not in any cohort.
/// </para>
/// </remarks>
public static class RenewalCohorts
{
    /// <summary>One cohort per (start month, period length), ordered by period length and start month.</summary>
    public static IReadOnlyList<RenewalCohort> From(IEnumerable<SubscriberTenure> subscribers, BillingMonth asOf)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        var cohorts = new List<RenewalCohort>();
        foreach (var group in subscribers
            .Where(subscriber => subscriber.Start <= asOf)
            .GroupBy(subscriber => (subscriber.Start, subscriber.PeriodMonths))
            .OrderBy(group => group.Key.PeriodMonths)
            .ThenBy(group => group.Key.Start))
        {
            var (start, periodMonths) = group.Key;
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodMonths);
            var observedRenewals = asOf.MonthsSince(start) / periodMonths;
            var alive = new int[observedRenewals + 1];
            foreach (var subscriber in group)
            {
                if (subscriber.FirstUnpaidMonth is { } firstUnpaid && firstUnpaid <= start)
                {
                    throw new ArgumentException(
                        $"Customer {subscriber.CustomerId}: the first unpaid month {subscriber.FirstUnpaidMonth} is not after the start {start}.",
                        nameof(subscribers));
                }

                // Renewals made: the largest t ≤ observed with c + t·k before the first unpaid month.
                var made = subscriber.FirstUnpaidMonth is { } unpaid
                    ? Math.Min(observedRenewals, (unpaid.MonthsSince(start) - 1) / periodMonths)
                    : observedRenewals;
                for (var t = 0; t <= made; t++)
                {
                    alive[t]++;
                }
            }

            cohorts.Add(new RenewalCohort(start, periodMonths, new RetentionCohort(alive)));
        }

        return cohorts;
    }
}
