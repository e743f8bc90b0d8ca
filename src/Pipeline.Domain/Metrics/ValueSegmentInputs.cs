namespace Pipeline.Domain.Metrics;

/// <summary>What the <see cref="SegmentDimensions.ValueSegment"/> dimension needs besides each customer's MRR.</summary>
/// <remarks>
/// The value matrix of the customer value cards (METRICS.md §8): revenue value is high for the Pareto top 20 % by MRR
/// (the <see cref="SegmentDimensions.Tier"/> rule, judged by the engine from the month's own figures) or the first CLV
/// quintile at that month end (a model fit, computed outside the engine and handed in here); strategic value is having
/// brought customers in (<see cref="Referrers"/>). Without inputs the engine computes no value segments.
/// </remarks>
/// <param name="Referrers">The customers at least one customer of the master data names in <c>referred_by</c>.</param>
/// <param name="TopClvQuintile">
/// Per month end, the customers in CLV quintile 1 at that end; a month that is not listed has none (its revenue value
/// then rests on the tier alone).
/// </param>
public sealed record ValueSegmentInputs(
    IReadOnlySet<string> Referrers, IReadOnlyDictionary<BillingMonth, IReadOnlySet<string>> TopClvQuintile)
{
    private static readonly HashSet<string> Nobody = new(StringComparer.Ordinal);

    /// <summary>The value segment of a customer with MRR at the end of <paramref name="month"/>.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="month">The month end the segment is judged at.</param>
    /// <param name="topTier">The customer is in the Pareto top 20 % by MRR at that end.</param>
    public string SegmentOf(string customerId, BillingMonth month, bool topTier)
    {
        var highRevenue = topTier || TopClvQuintile.GetValueOrDefault(month, Nobody).Contains(customerId);
        return SegmentDimensions.ValueSegmentOf(highRevenue, Referrers.Contains(customerId));
    }
}
