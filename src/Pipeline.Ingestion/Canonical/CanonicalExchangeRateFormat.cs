using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Canonical;

/// <summary>The canonical exchange-rates file (EXPORTS.md A4), recognised by <c>base</c> + <c>quote</c> + <c>rate</c>.</summary>
/// <remarks>Rates are facts about currencies, not about the tenant, so this format ignores the reporting currency.</remarks>
internal sealed class CanonicalExchangeRateFormat : IExportFormat
{
    public const string FormatName = "canonical-rates";

    private static readonly string[] Required =
        [CanonicalColumns.Date, CanonicalColumns.Base, CanonicalColumns.Quote, CanonicalColumns.Rate];

    private static readonly HashSet<string> Known = new(Required, StringComparer.Ordinal);

    public string Name => FormatName;

    public string Expectation => "canonical exchange rates (columns date, base, quote and rate)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(CanonicalColumns.Base) && header.Has(CanonicalColumns.Quote) && header.Has(CanonicalColumns.Rate);

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new CanonicalExchangeRateCsvReader(header, layout);
}
