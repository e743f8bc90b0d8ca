namespace Pipeline.Ingestion.Stripe;

/// <summary>The columns of our Sigma query over <c>invoice_line_items</c>, <c>invoices</c> and <c>prices</c> (EXPORTS.md B1.7).</summary>
internal static class StripeInvoiceLinesColumns
{
    public const string Id = "id";
    public const string InvoiceId = "invoice_id";
    public const string InvoiceNumber = "invoice_number";
    public const string InvoiceCreated = "invoice_created";
    public const string InvoiceStatus = "invoice_status";
    public const string CustomerId = "customer_id";
    public const string CustomerEmail = "customer_email";
    public const string SubscriptionId = "subscription_id";
    public const string SubscriptionItemId = "subscription_item_id";
    public const string PriceId = "price_id";
    public const string ProductName = "product_name";
    public const string Description = "description";
    public const string SourceType = "source_type";
    public const string Proration = "proration";
    public const string Quantity = "quantity";
    public const string Amount = "amount";
    public const string DiscountAmount = "discount_amount";
    public const string TaxAmount = "tax_amount";
    public const string Currency = "currency";
    public const string PeriodStart = "period_start";
    public const string PeriodEnd = "period_end";
    public const string PriceType = "price_type";
    public const string RecurringInterval = "recurring_interval";
    public const string RecurringIntervalCount = "recurring_interval_count";

    /// <summary>Every column, in the order the query returns them.</summary>
    public static readonly string[] All =
    [
        Id, InvoiceId, InvoiceNumber, InvoiceCreated, InvoiceStatus, CustomerId, CustomerEmail, SubscriptionId,
        SubscriptionItemId, PriceId, ProductName, Description, SourceType, Proration, Quantity, Amount,
        DiscountAmount, TaxAmount, Currency, PeriodStart, PeriodEnd, PriceType, RecurringInterval, RecurringIntervalCount,
    ];
}
