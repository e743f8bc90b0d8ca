namespace Pipeline.Domain.Clv;

/// <summary>Each customer's quintile by value: 1 for the fifth with the highest value, 5 for the lowest.</summary>
/// <remarks>
/// Among the N customers with a value &gt; 0, ranked by value, highest first, equal values in ordinal customer-id order
/// (lowest first): the customer at rank r (0-based) is in the smallest quintile k with r &lt; ⌈k N ÷ 5⌉. So quintile 1
/// holds exactly ⌈0.2 N⌉ customers, the size of the Pareto top (<see cref="Metrics.ParetoTier"/>), and each quintile
/// after it fills up to ⌈k N ÷ 5⌉. A customer without value has no quintile: it is absent.
/// </remarks>
public static class ValueQuintiles
{
    public const int Count = 5;

    /// <summary>The quintile of every customer with a value &gt; 0 in <paramref name="values"/> (customer id → value).</summary>
    public static IReadOnlyDictionary<string, int> Of(IReadOnlyDictionary<string, decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var ranked = values
            .Where(customer => customer.Value > 0m)
            .OrderByDescending(customer => customer.Value)
            .ThenBy(customer => customer.Key, StringComparer.Ordinal)
            .Select(customer => customer.Key)
            .ToList();
        var quintiles = new Dictionary<string, int>(ranked.Count, StringComparer.Ordinal);
        var quintile = 1;
        for (var rank = 0; rank < ranked.Count; rank++)
        {
            while (rank >= UpperRank(quintile, ranked.Count))
            {
                quintile++;
            }

            quintiles[ranked[rank]] = quintile;
        }

        return quintiles;
    }

    /// <summary>⌈k N ÷ 5⌉: the rank quintile <paramref name="quintile"/> ends before.</summary>
    private static long UpperRank(int quintile, int customers) => (((long)quintile * customers) + Count - 1) / Count;
}
