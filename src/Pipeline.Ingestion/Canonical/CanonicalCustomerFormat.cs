using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Canonical;

/// <summary>The canonical customers file (EXPORTS.md A2), recognised by <c>customer_id</c> without <c>amount</c>.</summary>
internal sealed class CanonicalCustomerFormat : IExportFormat
{
    public const string FormatName = "canonical-customers";

    private static readonly string[] Required = [CanonicalColumns.CustomerId];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        CanonicalColumns.CustomerId, CanonicalColumns.Name, CanonicalColumns.Email, CanonicalColumns.Country,
        CanonicalColumns.Segment, CanonicalColumns.Channel, CanonicalColumns.Campaign, CanonicalColumns.CreatedAt,
        CanonicalColumns.ReferredBy,
    };

    public string Name => FormatName;

    public string Expectation => "canonical customers (column customer_id and no amount column)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(CanonicalColumns.CustomerId) && !header.Has(CanonicalColumns.Amount);

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new CanonicalCustomerCsvReader(header, options);
}
