namespace Pipeline.Domain;

/// <summary>Applies what invoices and payments exports say about invoices to the revenue lines on them.</summary>
/// <remarks>
/// <para>
/// Revenue lines carry the status of their document as it was when their file was exported. A later
/// <see cref="InvoiceDocument"/> (the last one per invoice id wins) sets the status of every line with that invoice id
/// (METRICS.md §1, Documents): void, draft and canceled lines stop counting, open and uncollectible ones follow the
/// delinquency rule (the document's due date fills a line without one), paid ones count. A paid document does not
/// undo a refund: Stripe keeps a refunded invoice <c>paid</c>.
/// </para>
/// <para>
/// A full refund, or a credit note the source marks as crediting the whole invoice
/// (<see cref="MoneyMovement.IsFullRefund"/>), refunds the recurring and proration lines of its invoice from the
/// movement's date (the earliest, when there are several); partial refunds and credits only affect cash. Lines on a
/// void, draft or canceled document stay so. When both the movement or document and the line name a customer, they
/// must agree, so an invoice number reused by another source does not touch a stranger's lines.
/// </para>
/// </remarks>
public sealed class LedgerMerge
{
    private readonly Dictionary<string, InvoiceDocument> _latest;
    private readonly Dictionary<string, MoneyMovement> _refunds;

    private LedgerMerge(Dictionary<string, InvoiceDocument> latest, Dictionary<string, MoneyMovement> refunds) =>
        (_latest, _refunds) = (latest, refunds);

    /// <summary>Every line with the latest document status and full refunds of its invoice applied.</summary>
    /// <remarks>
    /// Returns <paramref name="lines"/> itself when nothing changes; otherwise a new list in which the changed lines are copies
    /// and the rest the same instances.
    /// </remarks>
    public static IReadOnlyList<RevenueLine> Apply(
        IReadOnlyList<RevenueLine> lines, IReadOnlyList<InvoiceDocument> documents, IReadOnlyList<MoneyMovement> movements)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (For(documents, movements) is not { } merge)
        {
            return lines;
        }

        var merged = new RevenueLine[lines.Count];
        var changed = false;
        for (var index = 0; index < lines.Count; index++)
        {
            merged[index] = merge.Apply(lines[index]);
            changed |= !ReferenceEquals(merged[index], lines[index]);
        }

        return changed ? merged : lines;
    }

    /// <summary>The merge of a tenant's documents and movements, applied one line at a time; null when there is nothing to merge.</summary>
    /// <remarks>For a ledger read as a stream: every batch's documents and movements are known before its lines.</remarks>
    public static LedgerMerge? For(IReadOnlyList<InvoiceDocument> documents, IReadOnlyList<MoneyMovement> movements)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(movements);
        var latest = LatestDocuments(documents);
        var refunds = FullRefunds(movements);
        return latest.Count == 0 && refunds.Count == 0 ? null : new LedgerMerge(latest, refunds);
    }

    /// <summary><paramref name="line"/> with its invoice's latest status and full refund; the same instance when neither changes it.</summary>
    public RevenueLine Apply(RevenueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var result = line;
        if (line.InvoiceId is { } invoice)
        {
            if (_latest.TryGetValue(invoice, out var document) && SameCustomer(line, document.CustomerId))
            {
                result = WithDocument(result, document);
            }

            if (_refunds.TryGetValue(invoice, out var refund) && SameCustomer(line, refund.CustomerId))
            {
                result = WithRefund(result, refund.OccurredAt);
            }
        }

        return result;
    }

    public static bool RefundsWholeInvoice(MoneyMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        return movement.Type is MoneyMovementType.Refund or MoneyMovementType.CreditNote
            && movement.IsFullRefund
            && movement.InvoiceId is not null;
    }

    private static Dictionary<string, InvoiceDocument> LatestDocuments(IReadOnlyList<InvoiceDocument> documents)
    {
        var latest = new Dictionary<string, InvoiceDocument>(documents.Count, StringComparer.Ordinal);
        foreach (var document in documents)
        {
            latest[document.InvoiceId] = document;
        }

        return latest;
    }

    private static Dictionary<string, MoneyMovement> FullRefunds(IReadOnlyList<MoneyMovement> movements)
    {
        var refunds = new Dictionary<string, MoneyMovement>(StringComparer.Ordinal);
        foreach (var movement in movements)
        {
            if (!RefundsWholeInvoice(movement))
            {
                continue;
            }

            var invoice = movement.InvoiceId!;
            if (!refunds.TryGetValue(invoice, out var earlier) || movement.OccurredAt < earlier.OccurredAt)
            {
                refunds[invoice] = movement;
            }
        }

        return refunds;
    }

    private static bool SameCustomer(RevenueLine line, string? customerId) =>
        customerId is null || string.Equals(line.CustomerId, customerId, StringComparison.Ordinal);

    private static RevenueLine WithDocument(RevenueLine line, InvoiceDocument document)
    {
        var status = document.Status;
        if (status == DocumentStatus.Paid && line.Status == DocumentStatus.Refunded)
        {
            return line;
        }

        var refundedAt = status == DocumentStatus.Refunded ? document.StatusChangedAt ?? line.RefundedAt : null;
        var dueAt = line.DueAt ?? document.DueAt;
        return status == line.Status && refundedAt == line.RefundedAt && dueAt == line.DueAt
            ? line
            : line with { Status = status, RefundedAt = refundedAt, DueAt = dueAt };
    }

    private static RevenueLine WithRefund(RevenueLine line, DateTimeOffset refundedAt)
    {
        if (line.LineType is not (LineType.Recurring or LineType.Proration)
            || line.Status is DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled)
        {
            return line;
        }

        if (line.Status == DocumentStatus.Refunded && (line.RefundedAt is null || line.RefundedAt <= refundedAt))
        {
            return line;
        }

        return line with { Status = DocumentStatus.Refunded, RefundedAt = refundedAt };
    }
}
