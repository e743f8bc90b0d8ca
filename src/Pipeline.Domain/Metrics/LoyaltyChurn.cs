namespace Pipeline.Domain.Metrics;

/// <summary>Logo churn within a window of closed months after a response, per NPS category (METRICS.md §9).</summary>
/// <param name="Promoters">Churned ÷ promoters with MRR at the response month's end; null without such promoters or before the window is closed.</param>
/// <param name="Passives">The same for passives.</param>
/// <param name="Detractors">The same for detractors.</param>
public sealed record LoyaltyChurn(decimal? Promoters, decimal? Passives, decimal? Detractors)
{
    /// <summary>The window is not closed yet: every rate unknown.</summary>
    public static LoyaltyChurn Unknown { get; } = new(null, null, null);
}
