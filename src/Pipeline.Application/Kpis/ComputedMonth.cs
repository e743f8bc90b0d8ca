using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>Everything computed for one month: the close result (KPIs with unit economics, segments) and its cohort cells.</summary>
/// <param name="Result">KPIs, per-customer snapshot, movements and segments.</param>
/// <param name="CohortCells">The cohorts seen at the month's end.</param>
public sealed record ComputedMonth(MonthCloseResult Result, IReadOnlyList<CohortCell> CohortCells);
