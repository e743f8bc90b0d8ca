namespace Pipeline.Ingestion.Paddle;

/// <summary>Header names of the Paddle Billing transaction line items report (EXPORTS.md B3.1), API-style snake_case.</summary>
internal static class PaddleColumns
{
    public const string TransactionId = "transaction_id";
    public const string Status = "status";
    public const string InvoiceNumber = "invoice_number";
    public const string CustomerId = "customer_id";
    public const string CustomerEmail = "customer_email";
    public const string AddressId = "address_id";
    public const string AddressCountryCode = "address_country_code";
    public const string BusinessId = "business_id";
    public const string BusinessName = "business_name";
    public const string SubscriptionId = "subscription_id";
    public const string TransactionItemId = "transaction_item_id";
    public const string ProductId = "product_id";
    public const string ProductName = "product_name";
    public const string PriceId = "price_id";
    public const string Quantity = "quantity";
    public const string Subtotal = "subtotal";
    public const string Discount = "discount";
    public const string Tax = "tax";
    public const string Total = "total";
    public const string CurrencyCode = "currency_code";
    public const string BillingCycleInterval = "billing_cycle_interval";
    public const string BillingCycleFrequency = "billing_cycle_frequency";
    public const string BillingPeriodStartsAt = "billing_period_starts_at";
    public const string BillingPeriodEndsAt = "billing_period_ends_at";
    public const string Origin = "origin";
    public const string CollectionMode = "collection_mode";
    public const string BilledAt = "billed_at";
    public const string CreatedAt = "created_at";
    public const string UpdatedAt = "updated_at";
}
