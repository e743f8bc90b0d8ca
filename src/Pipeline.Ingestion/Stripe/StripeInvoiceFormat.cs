using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Stripe;

/// <summary>
/// The Stripe Dashboard invoices export (EXPORTS.md B1.2), recognised by <c>Amount Due</c> + <c>Date (UTC)</c> +
/// (<c>Number</c> or <c>Finalized At (UTC)</c>); ids start with <c>in_</c>.
/// </summary>
internal sealed class StripeInvoiceFormat : IExportFormat
{
    public const string FormatName = "stripe-invoices";

    private static readonly string[] Required = [StripeColumns.Id, StripeColumns.Status, StripeColumns.AmountDue, StripeColumns.Date];

    private static readonly string[] Fingerprint = [StripeColumns.AmountDue, StripeColumns.Date, StripeColumns.Number, StripeColumns.FinalizedAt];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        StripeColumns.Id, StripeColumns.Number, StripeColumns.Customer, StripeColumns.CustomerName, StripeColumns.CustomerEmail,
        StripeColumns.Subscription, StripeColumns.Status, StripeColumns.Currency, StripeColumns.AmountDue, StripeColumns.Total,
        StripeColumns.Date, StripeColumns.DueDate, StripeColumns.FinalizedAt, StripeColumns.VoidedAt,
        StripeColumns.MarkedUncollectibleAt, StripeColumns.CustomerAddressCountry,
    };

    public string Name => FormatName;

    public string Expectation => "a Stripe invoices export (columns Amount Due, Date (UTC) and Number or Finalized At (UTC))";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName) || StripeMetadataColumns.IsMetadata(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(StripeColumns.AmountDue) && header.Has(StripeColumns.Date)
        && (header.Has(StripeColumns.Number) || header.Has(StripeColumns.FinalizedAt));

    public string Evidence(CsvHeader header) =>
        string.Concat("Stripe invoices fingerprint: header has ", string.Join(", ", Fingerprint.Where(header.Has)));

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new StripeInvoiceCsvReader(header, layout, options);
}
