namespace Pipeline.Ingestion.Stripe;

/// <summary>The column names of the Stripe Dashboard exports (EXPORTS.md B1), in normalised form.</summary>
internal static class StripeColumns
{
    public const string Id = "id";
    public const string CustomerId = "customer id";
    public const string CustomerName = "customer name";
    public const string CustomerDescription = "customer description";
    public const string CustomerEmail = "customer email";
    public const string Plan = "plan";
    public const string Product = "product";
    public const string ProductId = "product id";
    public const string Quantity = "quantity";
    public const string Currency = "currency";
    public const string Interval = "interval";
    public const string Amount = "amount";
    public const string Status = "status";
    public const string Created = "created (utc)";
    public const string CreatedWithoutZone = "created";
    public const string Start = "start (utc)";
    public const string StartDate = "start date (utc)";
    public const string CurrentPeriodStart = "current period start (utc)";
    public const string CurrentPeriodEnd = "current period end (utc)";
    public const string TrialStart = "trial start (utc)";
    public const string TrialEnd = "trial end (utc)";
    public const string CanceledAt = "canceled at (utc)";
    public const string CancelAtPeriodEnd = "cancel at period end";
    public const string EndedAt = "ended at (utc)";
    public const string CancellationReason = "cancellation reason";

    public const string Number = "number";
    public const string Customer = "customer";
    public const string Subscription = "subscription";
    public const string AmountDue = "amount due";
    public const string Total = "total";
    public const string Date = "date (utc)";
    public const string DueDate = "due date (utc)";
    public const string FinalizedAt = "finalized at (utc)";
    public const string VoidedAt = "voided at (utc)";
    public const string MarkedUncollectibleAt = "marked uncollectible at (utc)";
    public const string CustomerAddressCountry = "customer address country";

    public const string Name = "name";
    public const string Description = "description";
    public const string Email = "email";
    public const string AddressCountry = "address country";

    public const string AmountRefunded = "amount refunded";
    public const string ConvertedAmount = "converted amount";
    public const string Captured = "captured";
    public const string InvoiceId = "invoice id";
}
