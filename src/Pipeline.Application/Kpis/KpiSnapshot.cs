using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>A stored month of KPIs (table <c>KpiSnapshots</c>, partition = tenant, row = <c>yyyy-MM</c>).</summary>
/// <param name="Kpis">The figures at full precision.</param>
/// <param name="Status">Closed (locked), provisional, or awaiting data (no figures).</param>
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
    int DefinitionsVersion)
{
    /// <summary>
    /// The instant the figures are measured at when that is before the month's end: the tenant's data horizon, for a
    /// provisional month whose exports stop inside it (and for an awaiting-data month, the horizon it waits beyond);
    /// null for a month measured at its end <c>T_m</c>.
    /// </summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>
    /// For a provisional or awaiting-data row: a fingerprint (SHA-256) of everything a refresh wrote for the month — the
    /// figures, segment rows, cohort cells, drill-down and <see cref="AsOf"/> — so a refresh that computes the same month
    /// again leaves its rows alone; null on closed rows.
    /// </summary>
    public string? ContentHash { get; init; }
}
