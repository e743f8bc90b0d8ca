namespace Pipeline.Domain;

/// <summary>What an invoices export says about one invoice: its status, customer and totals (EXPORTS.md B1.2).</summary>
/// <remarks>
/// Revenue lines carry the status of their document as it was when their file was exported; an invoice record from
/// a later import updates the status of every line with the same <see cref="InvoiceId"/> (a void invoice stops
/// counting, an uncollectible one follows the delinquency rule).
/// </remarks>
public sealed record InvoiceDocument
{
    public required string InvoiceId { get; init; }

    public string? Number { get; init; }

    public string? CustomerId { get; init; }

    public string? SubscriptionId { get; init; }

    public required DocumentStatus Status { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the invoice became void or uncollectible, when the source says.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }

    public CurrencyCode? Currency { get; init; }

    /// <summary>The invoice total in major units, tax included, for reconciliation.</summary>
    public decimal? Total { get; init; }

    public long RowNumber { get; init; }
}
