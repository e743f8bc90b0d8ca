namespace Pipeline.Domain.Metrics;

/// <summary>What a customer's MRR is split by: the plan, product and native currency of the winning lines.</summary>
/// <param name="Plan">The line's plan, or null.</param>
/// <param name="Product">The line's product, or null.</param>
/// <param name="Currency">The line's currency.</param>
internal readonly record struct MrrPartKey(string? Plan, string? Product, CurrencyCode Currency)
{
    /// <summary>Canonical order: currency code, then plan, then product; ordinal, null first.</summary>
    public static int Compare(MrrPartKey left, MrrPartKey right)
    {
        var currency = string.CompareOrdinal(left.Currency.Code, right.Currency.Code);
        if (currency != 0)
        {
            return currency;
        }

        var plan = string.CompareOrdinal(left.Plan, right.Plan);
        return plan != 0 ? plan : string.CompareOrdinal(left.Product, right.Product);
    }
}
