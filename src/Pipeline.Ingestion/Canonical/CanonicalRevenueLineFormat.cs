using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Canonical;

/// <summary>The canonical revenue-lines file (EXPORTS.md A1), recognised by <c>customer_id</c> + <c>amount</c> + <c>service_start</c>.</summary>
internal sealed class CanonicalRevenueLineFormat : IExportFormat
{
    public const string FormatName = "canonical-revenue-lines";

    private static readonly string[] Required =
        [CanonicalColumns.CustomerId, CanonicalColumns.Amount, CanonicalColumns.Currency, CanonicalColumns.ServiceStart, CanonicalColumns.ServiceEnd];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        CanonicalColumns.CustomerId, CanonicalColumns.LineId, CanonicalColumns.InvoiceId, CanonicalColumns.SubscriptionId,
        CanonicalColumns.Plan, CanonicalColumns.Product, CanonicalColumns.LineType, CanonicalColumns.Quantity,
        CanonicalColumns.Amount, CanonicalColumns.Discount, CanonicalColumns.Tax, CanonicalColumns.Currency,
        CanonicalColumns.Interval, CanonicalColumns.IntervalCount, CanonicalColumns.ServiceStart, CanonicalColumns.ServiceEnd,
        CanonicalColumns.IssuedAt, CanonicalColumns.DueAt, CanonicalColumns.Status, CanonicalColumns.RefundedAt,
        CanonicalColumns.CustomerName, CanonicalColumns.Country, CanonicalColumns.Segment, CanonicalColumns.Channel,
    };

    public string Name => FormatName;

    public string Expectation =>
        "canonical revenue lines (columns customer_id, amount, currency, service_start and service_end)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(CanonicalColumns.CustomerId) && header.Has(CanonicalColumns.Amount) && header.Has(CanonicalColumns.ServiceStart);

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new CanonicalRevenueLineCsvReader(header, layout, options);
}
