using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage.Tests;

/// <summary>Lines as earlier versions wrote them: one <see cref="LedgerLineRow"/> per line, through the row serializer in one go.</summary>
/// <remarks>Tests write such files to check that batches stored before streaming ingest still read the same.</remarks>
internal static class LegacyLineRows
{
    public static LedgerLineRow From(RevenueLine line) => new()
    {
        LineKey = line.LineKey,
        CustomerId = line.CustomerId,
        InvoiceId = line.InvoiceId,
        SubscriptionId = line.SubscriptionId,
        Plan = line.Plan,
        Product = line.Product,
        LineType = line.LineType.ToString(),
        Quantity = line.Quantity,
        Amount = line.Amount,
        Discount = line.Discount,
        Tax = line.Tax,
        Currency = line.Currency.Code,
        IntervalUnit = line.Interval?.Unit.ToString(),
        IntervalCount = line.Interval?.Count,
        IntervalInferred = line.IntervalInferred,
        ServiceStart = line.ServiceStart.UtcDateTime,
        ServiceEnd = line.ServiceEnd?.UtcDateTime,
        IssuedAt = line.IssuedAt?.UtcDateTime,
        DueAt = line.DueAt?.UtcDateTime,
        Status = line.Status.ToString(),
        RefundedAt = line.RefundedAt?.UtcDateTime,
        RowNumber = line.RowNumber,
        Origin = line.Origin.ToString(),
        SnapshotTakenAt = line.SnapshotTakenAt?.UtcDateTime,
        CurrentPeriodStart = line.CurrentPeriodStart?.UtcDateTime,
        CancelsAtEnd = line.CancelsAtEnd,
        CancellationRequestedAt = line.CancellationRequestedAt?.UtcDateTime,
    };
}
