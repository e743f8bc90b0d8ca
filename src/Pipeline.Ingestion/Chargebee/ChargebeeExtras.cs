namespace Pipeline.Ingestion.Chargebee;

/// <summary>One row of <c>SubscriptionAddons.csv</c>; amounts as written (minor units, EXPORTS.md B2.1).</summary>
internal sealed record ChargebeeAddon(string SubscriptionId, string AddonId, string? Quantity, string? UnitPrice, string? Amount);

/// <summary>A coupon or discount with what it takes off: a percentage, or a fixed amount as written (minor units).</summary>
/// <param name="Id">The coupon or discount id.</param>
/// <param name="Percentage">The percentage (0–100), when the discount is a percentage.</param>
/// <param name="Amount">The fixed amount as written, when the discount is an amount.</param>
/// <param name="IsRecurring">False for a one-time discount (duration <c>one_time</c>), which does not lower MRR.</param>
internal sealed record ChargebeeDiscount(string Id, decimal? Percentage, string? Amount, bool IsRecurring);

/// <summary>What the sibling members of a Chargebee export zip add to <c>Subscriptions.csv</c>.</summary>
internal sealed class ChargebeeExtras
{
    public static readonly ChargebeeExtras None = new();

    /// <summary>Add-ons per subscription id, in file order.</summary>
    public IReadOnlyDictionary<string, List<ChargebeeAddon>> Addons { get; init; } = new Dictionary<string, List<ChargebeeAddon>>();

    /// <summary>Coupon ids per subscription id (<c>SubscriptionCoupons.csv</c>).</summary>
    public IReadOnlyDictionary<string, List<string>> Coupons { get; init; } = new Dictionary<string, List<string>>();

    /// <summary>The coupons catalogue (<c>Coupons.csv</c>) by coupon id.</summary>
    public IReadOnlyDictionary<string, ChargebeeDiscount> CouponCatalogue { get; init; } = new Dictionary<string, ChargebeeDiscount>();

    /// <summary>Discounts with their amounts per subscription id (<c>SubscriptionDiscounts.csv</c>).</summary>
    public IReadOnlyDictionary<string, List<ChargebeeDiscount>> Discounts { get; init; } = new Dictionary<string, List<ChargebeeDiscount>>();

    /// <summary>Problems found in the side members (rows that could not be used).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The zip members these came from, for the format evidence.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];
}
