namespace Pipeline.Domain.Metrics;

/// <summary>The MRR movement of one customer in one month (METRICS.md §2).</summary>
public enum MovementType
{
    None,
    New,
    Expansion,
    Reactivation,
    Contraction,
    Churn,
}
