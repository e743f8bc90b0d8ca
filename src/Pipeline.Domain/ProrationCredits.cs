namespace Pipeline.Domain;

/// <summary>Ends the subscription-item lines that an unused-time proration credit says were replaced or removed.</summary>
/// <remarks>
/// <para>
/// METRICS.md §1, Proration. A negative proration line ("unused time on Starter after 15 Feb") is never MRR itself, but
/// it says its subscription item stopped at the credit's start. The credited line is a positive recurring or proration
/// invoice line of the same customer and subscription item (<see cref="RevenueLine.SubscriptionKey"/>: the item id in
/// Stripe invoice lines, else the subscription, else customer + plan) that started before the credit and runs past
/// its start; it stops counting from there (<see cref="RevenueLine.CreditedFrom"/>). A Stripe upgrade that moves a
/// customer from one item to another (Starter → Pro, a new subscription item) thus counts only Pro at month end, while
/// items that really run side by side (a base plan and an add-on) keep adding up: a credit touches its own item only.
/// </para>
/// <para>
/// A line that starts at the credit's start is not credited: it is the replacement ("remaining time on Pro", METRICS.md
/// Ex11, where old and new plan share one item). Credits on a void, draft or canceled document credit nothing. With
/// several credits, a line stops at the earliest one inside its period.
/// </para>
/// <para>
/// This is a ledger rule applied when the ledger is read, after document statuses (<see cref="LedgerMerge"/>), rather
/// than inside the engine's line indexing: finding the credited line needs every credit of an item first, while the
/// engine indexes lines one at a time; as a ledger rule the engine only honours the instant, as it does a refund date,
/// and every reader of the ledger (late data, committed MRR) sees the same ended line. Snapshot lines pass through.
/// </para>
/// </remarks>
public static class ProrationCredits
{
    /// <summary>The lines with every credited line's <see cref="RevenueLine.CreditedFrom"/> set; the input itself when no credit applies.</summary>
    /// <param name="lines">The tenant's lines, document statuses applied.</param>
    public static IReadOnlyList<RevenueLine> Apply(IReadOnlyList<RevenueLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var credits = CreditsByCustomer(lines);
        if (credits.Count == 0)
        {
            return lines;
        }

        RevenueLine[]? result = null;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            if (IsCreditable(line) && credits.TryGetValue(line.CustomerId, out var ofCustomer)
                && EarliestCreditWithin(line, ofCustomer) is { } creditedFrom && !(line.CreditedFrom <= creditedFrom))
            {
                result ??= [.. lines];
                result[index] = line with { CreditedFrom = creditedFrom };
            }
        }

        return result ?? lines;
    }

    /// <summary>Whether the line is an unused-time credit: a negative proration line on a document that counts.</summary>
    public static bool IsCredit(RevenueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line is { Origin: LineOrigin.InvoiceLine, LineType: LineType.Proration, Net: < 0m }
            && line.Status is not (DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled);
    }

    /// <summary>Per customer, the subscription key and start of each credit.</summary>
    private static Dictionary<string, List<(string Item, DateTimeOffset Start)>> CreditsByCustomer(IReadOnlyList<RevenueLine> lines)
    {
        var credits = new Dictionary<string, List<(string Item, DateTimeOffset Start)>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (IsCredit(line))
            {
                if (!credits.TryGetValue(line.CustomerId, out var ofCustomer))
                {
                    ofCustomer = [];
                    credits.Add(line.CustomerId, ofCustomer);
                }

                ofCustomer.Add((line.SubscriptionKey, line.ServiceStart));
            }
        }

        return credits;
    }

    private static bool IsCreditable(RevenueLine line) =>
        line is { Origin: LineOrigin.InvoiceLine, LineType: LineType.Recurring or LineType.Proration, Net: > 0m };

    /// <summary>The earliest credit of the line's item that starts strictly inside the line's period, if any.</summary>
    private static DateTimeOffset? EarliestCreditWithin(RevenueLine line, List<(string Item, DateTimeOffset Start)> credits)
    {
        var item = line.SubscriptionKey;
        DateTimeOffset? earliest = null;
        foreach (var credit in credits)
        {
            if (credit.Start > line.ServiceStart && !(line.ServiceEnd <= credit.Start) && !(earliest <= credit.Start)
                && string.Equals(credit.Item, item, StringComparison.Ordinal))
            {
                earliest = credit.Start;
            }
        }

        return earliest;
    }
}
