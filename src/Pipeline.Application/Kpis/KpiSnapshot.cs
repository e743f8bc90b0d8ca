using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>A stored month of KPIs (table <c>KpiSnapshots</c>, partition = tenant, row = <c>yyyy-MM</c>).</summary>
/// <param name="Kpis">The figures at full precision.</param>
/// <param name="Status">Closed (locked) or provisional.</param>
/// <param name="Version">The close version (1 for a first close; provisional rows carry the next version).</param>
/// <param name="ComputedAt">When the figures were computed.</param>
/// <param name="BusinessTimeZone">The IANA id of the time zone month ends were taken in.</param>
/// <param name="DelinquencyDays">The delinquency limit used.</param>
/// <param name="DefinitionsVersion">The METRICS.md definition set the figures follow.</param>
public sealed record KpiSnapshot(
    MonthlyKpis Kpis,
    KpiStatus Status,
    int Version,
    DateTimeOffset ComputedAt,
    string BusinessTimeZone,
    int DelinquencyDays,
    int DefinitionsVersion);
