namespace Pipeline.Ingestion.Profiles;

/// <summary>The canonical fields a mapping profile's <c>columns</c> may map (the names of EXPORTS.md A1, plus a few).</summary>
/// <remarks>
/// <c>description</c> is read only for keywords (interval, one-time); <c>unit_price</c> × <c>quantity</c> is the amount
/// when <c>amount</c> is not mapped. Required: <c>customer_id</c>, <c>service_start</c>, and <c>amount</c> or <c>unit_price</c>.
/// A profile that maps <c>score</c> reads survey answers (EXPORTS.md A5) instead of revenue lines: it requires
/// <c>customer_id</c>, <c>responded_at</c> and <c>score</c>, and maps only the survey fields (<see cref="Survey"/> …).
/// </remarks>
public static class MappingProfileFields
{
    public const string CustomerId = "customer_id";
    public const string CustomerName = "customer_name";
    public const string Email = "email";
    public const string Country = "country";
    public const string Segment = "segment";
    public const string Channel = "channel";
    public const string Campaign = "campaign";
    public const string LineId = "line_id";
    public const string InvoiceId = "invoice_id";
    public const string SubscriptionId = "subscription_id";
    public const string Plan = "plan";
    public const string Product = "product";
    public const string Description = "description";
    public const string LineType = "line_type";
    public const string Quantity = "quantity";
    public const string UnitPrice = "unit_price";
    public const string Amount = "amount";
    public const string Discount = "discount";
    public const string Tax = "tax";
    public const string Currency = "currency";
    public const string Interval = "interval";
    public const string ServiceStart = "service_start";
    public const string ServiceEnd = "service_end";
    public const string IssuedAt = "issued_at";
    public const string DueAt = "due_at";
    public const string Status = "status";
    public const string RefundedAt = "refunded_at";
    public const string RespondedAt = "responded_at";
    public const string Score = "score";
    public const string SameSolution = "same_solution";
    public const string SameProvider = "same_provider";
    public const string Comment = "comment";
    public const string Survey = "survey";

    /// <summary>The fields of a survey profile (one that maps <see cref="Score"/>).</summary>
    public static IReadOnlyList<string> SurveyFields { get; } = [CustomerId, RespondedAt, Score, SameSolution, SameProvider, Comment, Survey];

    /// <summary>Every field, in the order the README lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CustomerId, CustomerName, Email, Country, Segment, Channel, Campaign, LineId, InvoiceId, SubscriptionId, Plan,
        Product, Description, LineType, Quantity, UnitPrice, Amount, Discount, Tax, Currency, Interval, ServiceStart,
        ServiceEnd, IssuedAt, DueAt, Status, RefundedAt, RespondedAt, Score, SameSolution, SameProvider, Comment, Survey,
    ];
}
