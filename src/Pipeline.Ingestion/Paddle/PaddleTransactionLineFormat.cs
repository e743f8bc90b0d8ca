using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Paddle;

/// <summary>The Paddle Billing transaction line items report (EXPORTS.md B3.1), recognised by <c>transaction_id</c> + <c>billing_period_*</c>.</summary>
internal sealed class PaddleTransactionLineFormat : IExportFormat
{
    public const string FormatName = "paddle-transaction-lines";

    private static readonly string[] Required =
        [PaddleColumns.TransactionId, PaddleColumns.Status, PaddleColumns.CustomerId, PaddleColumns.Subtotal, PaddleColumns.CurrencyCode];

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        PaddleColumns.TransactionId, PaddleColumns.Status, PaddleColumns.InvoiceNumber, PaddleColumns.CustomerId,
        PaddleColumns.CustomerEmail, PaddleColumns.AddressId, PaddleColumns.AddressCountryCode, PaddleColumns.BusinessId,
        PaddleColumns.BusinessName, PaddleColumns.SubscriptionId, PaddleColumns.TransactionItemId, PaddleColumns.ProductId,
        PaddleColumns.ProductName, PaddleColumns.PriceId, PaddleColumns.Quantity, PaddleColumns.Subtotal, PaddleColumns.Discount,
        PaddleColumns.Tax, PaddleColumns.Total, PaddleColumns.CurrencyCode, PaddleColumns.BillingCycleInterval,
        PaddleColumns.BillingCycleFrequency, PaddleColumns.BillingPeriodStartsAt, PaddleColumns.BillingPeriodEndsAt,
        PaddleColumns.Origin, PaddleColumns.CollectionMode, PaddleColumns.BilledAt, PaddleColumns.CreatedAt, PaddleColumns.UpdatedAt,
    };

    public string Name => FormatName;

    public string Expectation =>
        "a Paddle Billing transaction line items report (transaction_id, status, customer_id, subtotal, currency_code, billing_period_starts_at)";

    public IReadOnlyList<string> RequiredColumns => Required;

    public bool Reads(string normalisedName) => Known.Contains(normalisedName);

    public bool Recognises(CsvHeader header) =>
        header.Has(PaddleColumns.TransactionId)
        && header.Normalised.Any(name => name.StartsWith("billing_period", StringComparison.Ordinal));

    public string Evidence(CsvHeader header) =>
        string.Concat("header has transaction_id and ",
            string.Join(", ", header.Normalised.Where(name => name.StartsWith("billing_period", StringComparison.Ordinal))));

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        new PaddleTransactionLineCsvReader(header, layout, options);
}
