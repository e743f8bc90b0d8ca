using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Stripe;

/// <summary>
/// Stripe invoice line items as our Sigma query returns them (EXPORTS.md B1.7, "Our Sigma query shape"), recognised by
/// <c>invoice_id</c> + <c>period_start</c> + <c>period_end</c> + <c>amount</c> + <c>price_id</c>.
/// </summary>
/// <remarks>Amounts are integer minor units of the line's currency and timestamps are UTC; both are fixed by the format.</remarks>
internal sealed class StripeInvoiceLinesFormat : IExportFormat
{
    public const string FormatName = "stripe-invoice-lines";

    private static readonly string[] Fingerprint =
        [StripeInvoiceLinesColumns.InvoiceId, StripeInvoiceLinesColumns.PeriodStart, StripeInvoiceLinesColumns.PeriodEnd,
            StripeInvoiceLinesColumns.Amount, StripeInvoiceLinesColumns.PriceId];

    private static readonly string[] Required =
        [StripeInvoiceLinesColumns.Id, .. Fingerprint, StripeInvoiceLinesColumns.InvoiceStatus, StripeInvoiceLinesColumns.CustomerId,
            StripeInvoiceLinesColumns.Currency, StripeInvoiceLinesColumns.Proration, StripeInvoiceLinesColumns.PriceType,
            StripeInvoiceLinesColumns.RecurringInterval];

    private static readonly HashSet<string> Known = new(StripeInvoiceLinesColumns.All, StringComparer.Ordinal);

    public string Name => FormatName;

    public string Expectation =>
        "Stripe invoice lines from our Sigma query (columns id, invoice_id, period_start, period_end, amount, price_id, ...)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) => Fingerprint.All(header.Has);

    public string Evidence(CsvHeader header) =>
        string.Concat("header has ", string.Join(", ", Fingerprint), " (Stripe Sigma invoice_line_items query shape)");

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new StripeInvoiceLinesCsvReader(header, layout, options);
}
