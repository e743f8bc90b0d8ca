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
public static class LedgerMerge
{
    /// <summary>The lines with document statuses and full refunds applied; the input itself when nothing changes.</summary>
    /// <param name="lines">The tenant's lines in source order (after <see cref="SnapshotHistory.Apply"/>).</param>
    /// <param name="documents">Invoice records in import order; a later record of the same invoice replaces an earlier one.</param>
    /// <param name="movements">Money movements in import order.</param>
    public static IReadOnlyList<RevenueLine> Apply(
        IReadOnlyList<RevenueLine> lines, IReadOnlyList<InvoiceDocument> documents, IReadOnlyList<MoneyMovement> movements)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(movements);
        var latest = LatestDocuments(documents);
        var refunds = FullRefunds(movements);
        if (latest.Count == 0 && refunds.Count == 0)
        {
            return lines;
        }

        var merged = new RevenueLine[lines.Count];
        var changed = false;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            var result = line;
            if (line.InvoiceId is { } invoice)
            {
                if (latest.TryGetValue(invoice, out var document) && SameCustomer(line, document.CustomerId))
                {
                    result = WithDocument(result, document);
                }

                if (refunds.TryGetValue(invoice, out var refund) && SameCustomer(line, refund.CustomerId))
                {
                    result = WithRefund(result, refund.OccurredAt);
                }
            }

            merged[index] = result;
            changed |= !ReferenceEquals(result, line);
        }

        return changed ? merged : lines;
    }

    /// <summary>Whether a movement's refund voids the lines of its invoice: a full refund or full credit linked to an invoice.</summary>
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
