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

    /// <summary>
    /// The value matrix of the customer value cards (METRICS.md §8): <see cref="Key"/>, <see cref="Revenue"/>,
    /// <see cref="Strategic"/> or <see cref="Basic"/>, judged per side like <see cref="Tier"/>; only with <see cref="ValueSegmentInputs"/>.
    /// </summary>
    /// <remarks>Not in <see cref="All"/>: it needs a CLV fit per month end, so the engine computes it only when asked (<see cref="MonthEndContext.ValueSegments"/>).</remarks>
    public const string ValueSegment = "valueSegment";

    /// <summary>High revenue value (Pareto top 20 % or CLV quintile 1) and a referrer.</summary>
    public const string Key = "key";

    /// <summary>High revenue value, not a referrer.</summary>
    public const string Revenue = "revenue";

    /// <summary>A referrer without high revenue value.</summary>
    public const string Strategic = "strategic";

    /// <summary>Neither high revenue value nor a referrer.</summary>
    public const string Basic = "basic";

    /// <summary>The value segments, in the order <see cref="MonthEndResult.Segments"/> lists them.</summary>
    public static IReadOnlyList<string> ValueSegments { get; } = [Key, Revenue, Strategic, Basic];

    /// <summary>The value matrix cell of high or other revenue value and being a referrer or not.</summary>
    public static string ValueSegmentOf(bool highRevenue, bool referrer) => (highRevenue, referrer) switch
    {
        (true, true) => Key,
        (true, false) => Revenue,
        (false, true) => Strategic,
        _ => Basic,
    };

    /// <summary>Every dimension, in the order <see cref="MonthEndResult.Segments"/> lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Plan, Product, Currency, Country, Channel, Segment, Tier, Band];

    /// <summary>The dimensions of the KPI segment rows (<c>kpis?by=</c>): <see cref="All"/> and <see cref="ValueSegment"/>.</summary>
    public static IReadOnlyList<string> Kpi { get; } = [.. All, ValueSegment];
}
