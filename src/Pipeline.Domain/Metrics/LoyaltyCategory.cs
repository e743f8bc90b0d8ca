namespace Pipeline.Domain.Metrics;

/// <summary>The NPS category of a 0–10 recommendation score (METRICS.md §9): promoter 9–10, passive 7–8, detractor 0–6.</summary>
public enum LoyaltyCategory
{
    Detractor,
    Passive,
    Promoter,
}
