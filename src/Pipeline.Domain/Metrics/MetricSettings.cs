namespace Pipeline.Domain.Metrics;

/// <summary>The settings a KPI computation depends on; every published figure records them.</summary>
/// <param name="ReportingCurrency">The one currency figures are reported in.</param>
/// <param name="BusinessTimeZone">Month boundaries (<c>T_m</c>) are taken in this time zone.</param>
/// <param name="DelinquencyDays">An open or past-due line stops counting once it is more than this many days past due.</param>
public sealed record MetricSettings(CurrencyCode ReportingCurrency, TimeZoneInfo BusinessTimeZone, int DelinquencyDays = 30)
{
    /// <summary>The version of the METRICS.md definition set the engine implements.</summary>
    public const int DefinitionsVersion = 1;
}
