using Pipeline.Application.Kpis;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Loyalty;

/// <summary>One month's loyalty row with the state of the month it was computed for.</summary>
/// <param name="Figures">The figures (the tenant's, or one segment's).</param>
/// <param name="Status">The month's status: closed figures are computed as of its close version, others as provisional.</param>
/// <param name="Version">The close version (the next version for an open month), as on the month's KPI row.</param>
public sealed record LoyaltyMonth(LoyaltyFigures Figures, KpiStatus Status, int Version);
