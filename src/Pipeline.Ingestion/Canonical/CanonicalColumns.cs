namespace Pipeline.Ingestion.Canonical;

/// <summary>The column names of the canonical files (EXPORTS.md Part A), already in normalised form.</summary>
internal static class CanonicalColumns
{
    public const string CustomerId = "customer_id";
    public const string LineId = "line_id";
    public const string InvoiceId = "invoice_id";
    public const string SubscriptionId = "subscription_id";
    public const string Plan = "plan";
    public const string Product = "product";
    public const string LineType = "line_type";
    public const string Quantity = "quantity";
    public const string Amount = "amount";
    public const string Discount = "discount";
    public const string Tax = "tax";
    public const string Currency = "currency";
    public const string Interval = "interval";
    public const string IntervalCount = "interval_count";
    public const string ServiceStart = "service_start";
    public const string ServiceEnd = "service_end";
    public const string IssuedAt = "issued_at";
    public const string DueAt = "due_at";
    public const string Status = "status";
    public const string RefundedAt = "refunded_at";
    public const string CustomerName = "customer_name";
    public const string Name = "name";
    public const string Email = "email";
    public const string Country = "country";
    public const string Segment = "segment";
    public const string Channel = "channel";
    public const string Campaign = "campaign";
    public const string CreatedAt = "created_at";
    public const string ReferredBy = "referred_by";
    public const string Month = "month";
    public const string Date = "date";
    public const string Paid = "paid";
    public const string Base = "base";
    public const string Quote = "quote";
    public const string Rate = "rate";
    public const string RespondedAt = "responded_at";
    public const string Score = "score";
    public const string SameSolution = "same_solution";
    public const string SameProvider = "same_provider";
    public const string Comment = "comment";
    public const string Survey = "survey";
}
