using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Canonical;

/// <summary>The canonical sales and marketing spend file (EXPORTS.md A3), recognised by <c>channel</c> + <c>amount</c> + (<c>month</c> or <c>date</c>).</summary>
/// <remarks>
/// A revenue-lines file may also have <c>channel</c> and <c>amount</c>, but it always has <c>customer_id</c> and
/// spend never does, so a header with <c>customer_id</c> is left to the revenue-lines and customers formats.
/// </remarks>
internal sealed class CanonicalSpendFormat : IExportFormat
{
    public const string FormatName = "canonical-spend";

    private static readonly string[] Required = [CanonicalColumns.Channel, CanonicalColumns.Amount, CanonicalColumns.Currency];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        CanonicalColumns.Month, CanonicalColumns.Date, CanonicalColumns.Channel, CanonicalColumns.Amount,
        CanonicalColumns.Currency, CanonicalColumns.Campaign, CanonicalColumns.Paid,
    };

    public string Name => FormatName;

    public string Expectation => "canonical spend (columns channel, amount, currency and month or date, without customer_id)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(CanonicalColumns.Channel) && header.Has(CanonicalColumns.Amount)
        && (header.Has(CanonicalColumns.Month) || header.Has(CanonicalColumns.Date))
        && !header.Has(CanonicalColumns.CustomerId);

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new CanonicalSpendCsvReader(header, layout);
}
