namespace Pipeline.Domain.Metrics;

/// <summary>Each customer's Pareto tier by MRR at one month end (METRICS.md §5: "the Pareto top 20 % vs the rest").</summary>
/// <remarks>
/// The rule of the KPI rows' <c>tier</c> dimension, through the same <see cref="ParetoCut"/>: among the N customers with
/// MRR &gt; 0, the ⌈0.2 N⌉ with the highest MRR are <see cref="SegmentDimensions.TopTwentyPercent"/> and the others
/// <see cref="SegmentDimensions.Rest"/>; customers with equal MRR at the cut are taken in ordinal customer-id order, lowest
/// first, so the top always holds exactly ⌈0.2 N⌉ customers. A customer without MRR has no tier: it is absent.
/// </remarks>
public static class ParetoTier
{
    /// <summary>The tier of every customer with MRR &gt; 0 in <paramref name="customerMrr"/> (customer id → MRR, one currency).</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, decimal> customerMrr)
    {
        ArgumentNullException.ThrowIfNull(customerMrr);

        var paying = customerMrr.Where(customer => customer.Value > 0m).OrderBy(customer => customer.Key, StringComparer.Ordinal).ToList();
        var cut = new ParetoCut(paying.Select(customer => customer.Value).ToArray());
        var tiers = new Dictionary<string, string>(paying.Count, StringComparer.Ordinal);
        foreach (var (customerId, mrr) in paying)
        {
            tiers[customerId] = cut.IsTop(mrr) ? SegmentDimensions.TopTwentyPercent : SegmentDimensions.Rest;
        }

        return tiers;
    }
}
