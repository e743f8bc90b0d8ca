using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.ChartMogul;

/// <summary>
/// ChartMogul-style invoices CSV (EXPORTS.md B8.1): the Import API's invoices flattened to one row per line item,
/// recognised by <c>amount_in_cents</c>, <c>customer_external_id</c> or <c>service_period_start</c>.
/// </summary>
internal sealed class ChartMogulInvoiceFormat : IExportFormat
{
    public const string FormatName = "chartmogul-invoices";

    public const string InvoiceExternalId = "invoice_external_id";
    public const string Date = "date";
    public const string Currency = "currency";
    public const string DueDate = "due_date";
    public const string CustomerExternalId = "customer_external_id";
    public const string Type = "type";
    public const string SubscriptionExternalId = "subscription_external_id";
    public const string PlanUuid = "plan_uuid";
    public const string ServicePeriodStart = "service_period_start";
    public const string ServicePeriodEnd = "service_period_end";
    public const string AmountInCents = "amount_in_cents";
    public const string Quantity = "quantity";
    public const string Prorated = "prorated";
    public const string DiscountAmountInCents = "discount_amount_in_cents";
    public const string TaxAmountInCents = "tax_amount_in_cents";
    public const string ExternalId = "external_id";
    public const string Description = "description";
    public const string PlanInterval = "plan_interval";
    public const string PlanIntervalCount = "plan_interval_count";
    public const string TransactionType = "transaction_type";
    public const string TransactionResult = "transaction_result";
    public const string TransactionDate = "transaction_date";
    public const string TransactionAmountInCents = "transaction_amount_in_cents";

    private static readonly string[] Required = [InvoiceExternalId, Date, Currency, CustomerExternalId, Type, AmountInCents];

    private static readonly string[] Fingerprint = [AmountInCents, CustomerExternalId, ServicePeriodStart];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        InvoiceExternalId, Date, Currency, DueDate, CustomerExternalId, Type, SubscriptionExternalId, PlanUuid, ServicePeriodStart,
        ServicePeriodEnd, AmountInCents, Quantity, Prorated, DiscountAmountInCents, TaxAmountInCents, ExternalId, Description,
        PlanInterval, PlanIntervalCount, TransactionType, TransactionResult, TransactionDate, TransactionAmountInCents,
    };

    public string Name => FormatName;

    public string Expectation =>
        "ChartMogul-style invoice line items (invoice_external_id, date, currency, customer_external_id, type, amount_in_cents, service_period_start/end)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) => Fingerprint.Any(header.Has);

    public string Evidence(CsvHeader header) => string.Concat("header has ", string.Join(", ", Fingerprint.Where(header.Has)));

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new ChartMogulInvoiceCsvReader(header, layout, options);
}
