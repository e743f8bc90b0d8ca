using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>What parsing a file needs to know about the tenant.</summary>
/// <param name="BusinessTimeZone">A date without a time means 00:00 in this time zone.</param>
/// <param name="ReportingCurrency">When set, a line in any other currency is a row error (no FX rates yet).</param>
/// <param name="MaxBadRowFraction">A file with a larger share of bad rows is refused as a whole.</param>
public sealed record ExportParseOptions(
    TimeZoneInfo BusinessTimeZone,
    CurrencyCode? ReportingCurrency = null,
    decimal MaxBadRowFraction = 0.05m);
