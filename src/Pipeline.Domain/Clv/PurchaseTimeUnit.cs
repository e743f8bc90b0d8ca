namespace Pipeline.Domain.Clv;

/// <summary>The time unit of purchase histories: day, week (7 days) or month (365.25 ÷ 12 days), METRICS.md §8.</summary>
public enum PurchaseTimeUnit
{
    /// <summary>One day.</summary>
    Day,

    /// <summary>Seven days.</summary>
    Week,

    /// <summary>365.25 ÷ 12 days.</summary>
    Month,
}
