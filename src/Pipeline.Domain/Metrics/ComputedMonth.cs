namespace Pipeline.Domain.Metrics;

/// <summary>Everything computed for one month: the month-end result (KPIs with unit economics, segments) and its cohort cells.</summary>
/// <param name="Result">KPIs, per-customer snapshot, movements and segments.</param>
/// <param name="CohortCells">The cohorts seen at the month's end.</param>
public sealed record ComputedMonth(MonthEndResult Result, IReadOnlyList<CohortCell> CohortCells)
{
    /// <summary>
    /// When the month was computed against the locked snapshot of the month before: what late data changed in that
    /// locked month (its late customers' movements here are flagged); null otherwise.
    /// </summary>
    public Restatement? Restatement { get; init; }
}
