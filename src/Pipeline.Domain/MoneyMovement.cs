namespace Pipeline.Domain;

/// <summary>A payment, refund, credit note or chargeback (EXPORTS.md C3.4): cash, never MRR.</summary>
/// <remarks>
/// Amounts are signed major units: payments positive, refunds, credits and chargebacks negative. Refunds never change
/// MRR, except a refund of the full amount of a charge whose <see cref="InvoiceId"/> links it to revenue lines: those
/// lines are refunded from <see cref="OccurredAt"/> (METRICS.md §1, Documents).
/// </remarks>
public sealed record MoneyMovement
{
    /// <summary>The source id (<c>ch_…</c>, <c>re_…</c>, <c>cn_…</c>), with a suffix when one row gives several movements.</summary>
    public required string MovementKey { get; init; }

    public required MoneyMovementType Type { get; init; }

    public string? CustomerId { get; init; }

    /// <summary>The invoice the movement pays or refunds, when the source links it.</summary>
    public string? InvoiceId { get; init; }

    /// <summary>For a refund: the payment it refunds.</summary>
    public string? RelatedMovementKey { get; init; }

    /// <summary>Signed major units: payments positive, refunds and credits negative.</summary>
    public required decimal Amount { get; init; }

    public required CurrencyCode Currency { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>True when <see cref="OccurredAt"/> is not the movement's own date (a refund dated by its charge).</summary>
    public bool TimingEstimated { get; init; }

    /// <summary>The status as written in the source.</summary>
    public string? Status { get; init; }

    /// <summary>For a refund: whether it refunds the whole of the payment it belongs to.</summary>
    public bool IsFullRefund { get; init; }

    public long RowNumber { get; init; }
}
