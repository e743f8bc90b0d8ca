namespace Pipeline.Domain.Metrics;

/// <summary>What a cohort retention row measures (METRICS.md §5).</summary>
public enum CohortMetric
{
    /// <summary>Customers of the cohort with MRR &gt; 0 ÷ cohort size.</summary>
    Logo,

    /// <summary>The cohort's MRR ÷ its MRR at the end of its first month.</summary>
    Revenue,
}
