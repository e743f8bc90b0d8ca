namespace Pipeline.Domain.Metrics;

/// <summary>The names of the dimensions in <see cref="MonthEndResult.Segments"/> and their fixed values.</summary>
/// <remarks>
/// Plan, product and currency are line-level: a customer's MRR parts split across their values. Country, channel and
/// segment are customer-level (the customer master data), tier and band depend on the customer's MRR; for those the
/// whole customer is in one value, its start side judged by the opening row and its end side by the closing row.
/// </remarks>
public static class SegmentDimensions
{
    public const string Plan = "plan";

    public const string Product = "product";

    public const string Currency = "currency";

    public const string Country = "country";

    public const string Channel = "channel";

    public const string Segment = "segment";

    /// <summary>Pareto tier: <see cref="TopTwentyPercent"/> or <see cref="Rest"/>.</summary>
    public const string Tier = "tier";

    /// <summary>MRR band from <see cref="MonthEndContext.MrrBands"/>, for example <c>&lt;100</c>, <c>100-1000</c>, <c>&gt;=1000</c>.</summary>
    public const string Band = "band";

    /// <summary>The value of a missing attribute (no plan, no country, …).</summary>
    public const string None = "(none)";

    /// <summary>The ⌈0.2 N⌉ customers with the highest MRR at that month end (ties by customer id).</summary>
    public const string TopTwentyPercent = "top20";

    public const string Rest = "rest";

    /// <summary>Every dimension, in the order <see cref="MonthEndResult.Segments"/> lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Plan, Product, Currency, Country, Channel, Segment, Tier, Band];
}
