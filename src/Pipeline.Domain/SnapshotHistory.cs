namespace Pipeline.Domain;

/// <summary>Turns the synthetic lines of successive subscription snapshots into one history per subscription.</summary>
/// <remarks>
/// <para>
/// A snapshot export shows each subscription as it is when the file is made. Two exports of the same subscription
/// either show the same terms (plan, amount, discount, quantity, currency, interval) — the same line observed again,
/// whose later end and cancellation information wins while the start stays the first one seen — or different terms,
/// which take effect from the later snapshot's current period start (else its snapshot time): the earlier line ends
/// there and the later one starts there, so a plan change is not applied to the subscription's whole life.
/// </para>
/// <para>
/// Snapshot lines of one subscription are walked in snapshot-time order (unknown times first, then source order).
/// A change that takes effect at or before the earlier line's start replaces that line entirely. Lines without a
/// subscription id and invoice lines pass through unchanged; every surviving line keeps its position in the list.
/// </para>
/// </remarks>
public static class SnapshotHistory
{
    /// <summary>The ledger's lines with snapshot lines of the same subscription chained by snapshot time.</summary>
    /// <param name="lines">Every line of the tenant, in source order; invoice lines pass through unchanged.</param>
    public static IReadOnlyList<RevenueLine> Apply(IReadOnlyList<RevenueLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var bySubscription = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var position = 0; position < lines.Count; position++)
        {
            if (lines[position] is { Origin: LineOrigin.SubscriptionSnapshot, SubscriptionId: { } subscription })
            {
                if (!bySubscription.TryGetValue(subscription, out var positions))
                {
                    positions = [];
                    bySubscription.Add(subscription, positions);
                }

                positions.Add(position);
            }
        }

        if (!bySubscription.Values.Any(positions => positions.Count > 1))
        {
            return lines;
        }

        var result = new RevenueLine?[lines.Count];
        for (var position = 0; position < lines.Count; position++)
        {
            result[position] = lines[position];
        }

        foreach (var positions in bySubscription.Values.Where(positions => positions.Count > 1))
        {
            Chain(lines, positions, result);
        }

        return [.. result.OfType<RevenueLine>()];
    }

    /// <summary>Walks one subscription's snapshot lines in time order, writing the kept versions into <paramref name="result"/>.</summary>
    private static void Chain(IReadOnlyList<RevenueLine> lines, List<int> positions, RevenueLine?[] result)
    {
        var ordered = positions
            .OrderBy(position => lines[position].SnapshotTakenAt.HasValue)
            .ThenBy(position => lines[position].SnapshotTakenAt)
            .ThenBy(position => position)
            .ToList();
        var kept = ordered[0];
        foreach (var position in ordered.Skip(1))
        {
            var previous = result[kept]!;
            var later = lines[position];
            if (SameTerms(previous, later))
            {
                result[kept] = null;
                result[position] = later with { ServiceStart = previous.ServiceStart };
            }
            else
            {
                var change = later.CurrentPeriodStart ?? later.SnapshotTakenAt ?? previous.ServiceStart;
                change = change < previous.ServiceStart ? previous.ServiceStart : change;
                result[kept] = change <= previous.ServiceStart ? null : Cut(previous, change);
                result[position] = later.ServiceStart < change ? later with { ServiceStart = change } : later;
            }

            kept = position;
        }
    }

    /// <summary>The line ended at <paramref name="change"/> when it would run past it; a cut line no longer cancels at its end.</summary>
    private static RevenueLine Cut(RevenueLine line, DateTimeOffset change) =>
        line.ServiceEnd is { } end && end <= change ? line : line with { ServiceEnd = change, CancelsAtEnd = false, CancellationRequestedAt = null };

    private static bool SameTerms(RevenueLine left, RevenueLine right) =>
        string.Equals(left.Plan, right.Plan, StringComparison.Ordinal)
        && left.Amount == right.Amount
        && left.Discount == right.Discount
        && left.Quantity == right.Quantity
        && left.Currency == right.Currency
        && left.Interval == right.Interval;
}
