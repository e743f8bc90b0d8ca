namespace Pipeline.Domain.Clv;

/// <summary>When an active subscriber is expected to pay in the months after <c>asOf</c>: METRICS.md §8, per time unit.</summary>
/// <remarks>
/// A subscriber who started in month c on a k-month period renews in months c + k, c + 2k, …; at the end of <c>asOf</c>
/// it has made ⌊(asOf − c) ÷ k⌋ renewals (the count <see cref="ShiftedBetaGeometric.DiscountedExpectedResidualLifetime"/>
/// takes). It pays its per-period value in a renewal month with the probability of having made that renewal, given it is
/// alive now, and nothing in the months between. The payments are placed in calendar months so that groups on
/// different periods add up month by month.
/// </remarks>
public static class RenewalForecast
{
    /// <summary>
    /// The probability that the subscriber pays in each of the <paramref name="horizon"/> months after
    /// <paramref name="asOf"/> (index j − 1 for month asOf + j): the renewal probability in its renewal months, 0 elsewhere.
    /// </summary>
    /// <param name="model">The group's fitted sBG model.</param>
    /// <param name="start">The subscriber's cohort month (its first recurring line).</param>
    /// <param name="periodMonths">The billing period in months.</param>
    /// <param name="asOf">The month whose end the subscriber is known to be alive at; not before <paramref name="start"/>.</param>
    /// <param name="horizon">Months to forecast.</param>
    public static double[] PaymentProbabilities(ShiftedBetaGeometric model, BillingMonth start, int periodMonths, BillingMonth asOf, int horizon)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodMonths);
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        ArgumentOutOfRangeException.ThrowIfLessThan(asOf, start);

        var renewals = asOf.MonthsSince(start) / periodMonths;
        var firstRenewal = start.PlusMonths((renewals + 1) * periodMonths).MonthsSince(asOf);
        var paying = new double[horizon];
        var count = firstRenewal > horizon ? 0 : ((horizon - firstRenewal) / periodMonths) + 1;
        var probabilities = model.RenewalProbabilities(renewals, count);
        for (var i = 0; i < count; i++)
        {
            paying[firstRenewal - 1 + (i * periodMonths)] = probabilities[i];
        }

        return paying;
    }
}
