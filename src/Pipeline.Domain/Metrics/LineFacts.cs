namespace Pipeline.Domain.Metrics;

/// <summary>What the MRR rules read of one ledger line, whether it is held as a <see cref="RevenueLine"/> or as a row of <see cref="LedgerLines"/>.</summary>
/// <remarks>
/// A value, so the engine can read a columnar ledger row by row without allocating a line object per row; the rules
/// themselves (<see cref="MonthlyRecurringRevenue.MonthlyAmount(RevenueLine, TimeZoneInfo)"/>, eligibility, coverage)
/// are written once, against this. A row of a columnar ledger also carries its pool numbers (<see cref="PoolKeys"/>),
/// so the engine numbers customers and subscriptions without hashing their ids again.
/// </remarks>
internal readonly record struct LineFacts(
    string CustomerId,
    string? SubscriptionId,
    string? Plan,
    string? Product,
    CurrencyCode Currency,
    LineType LineType,
    DocumentStatus Status,
    LineOrigin Origin,
    decimal Net,
    BillingInterval? Interval,
    bool IntervalInferred,
    DateTimeOffset ServiceStart,
    DateTimeOffset? ServiceEnd,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? RefundedAt,
    DateTimeOffset? CreditedFrom,
    bool CancelsAtEnd,
    DateTimeOffset? CancellationRequestedAt,
    DateTimeOffset? SnapshotTakenAt = null,
    LinePoolKeys PoolKeys = default)
{
    public static LineFacts Of(RevenueLine line) => new(
        line.CustomerId, line.SubscriptionId, line.Plan, line.Product, line.Currency, line.LineType, line.Status, line.Origin, line.Net,
        line.Interval, line.IntervalInferred, line.ServiceStart, line.ServiceEnd, line.IssuedAt, line.DueAt, line.RefundedAt,
        line.CreditedFrom, line.CancelsAtEnd, line.CancellationRequestedAt, line.SnapshotTakenAt);
}

/// <summary>
/// A columnar ledger row's numbers for its customer id, subscription id and plan in the ledger's string pool (equal
/// strings, equal numbers; −1 for none); <see cref="Pooled"/> is false for a line that is not a ledger row.
/// </summary>
internal readonly record struct LinePoolKeys(int Customer, int Subscription, int Plan)
{
    public bool Pooled => Customer >= 0;

    public static LinePoolKeys None => new(-1, -1, -1);
}
