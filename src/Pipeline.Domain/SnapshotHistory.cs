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
/// <para>
/// A pause marker (<see cref="LineType.Pause"/>) of a snapshot subscription is not an observation of its terms: it
/// cuts the subscription's paid snapshot lines instead, which stop where the pause starts and, when the pause has an
/// end, go on from there (a paused subscription has MRR 0 and is not churned; METRICS.md §2).
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
            // Pause markers are not observations of the subscription's terms: they pass through and, starting later,
            // win over the paid line while the pause lasts.
            if (lines[position] is { Origin: LineOrigin.SubscriptionSnapshot, SubscriptionId: { } subscription, LineType: not LineType.Pause })
            {
                if (!bySubscription.TryGetValue(subscription, out var positions))
                {
                    positions = [];
                    bySubscription.Add(subscription, positions);
                }

                positions.Add(position);
            }
        }

        var pauses = lines.Where(line => line is { Origin: LineOrigin.SubscriptionSnapshot, LineType: LineType.Pause, SubscriptionId: not null })
            .ToLookup(line => line.SubscriptionId!, StringComparer.Ordinal);
        if (pauses.Count == 0 && !bySubscription.Values.Any(positions => positions.Count > 1))
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

        return pauses.Count == 0 ? [.. result.OfType<RevenueLine>()] : CutByPauses(result, pauses);
    }

    /// <summary>Splits each paid snapshot line around the pauses of its subscription, keeping positions.</summary>
    private static List<RevenueLine> CutByPauses(RevenueLine?[] lines, ILookup<string, RevenueLine> pauses)
    {
        var result = new List<RevenueLine>(lines.Length + pauses.Count);
        foreach (var line in lines)
        {
            if (line is null)
            {
                continue;
            }

            if (line is not { Origin: LineOrigin.SubscriptionSnapshot, SubscriptionId: { } subscription } || line.LineType == LineType.Pause
                || !pauses.Contains(subscription))
            {
                result.Add(line);
                continue;
            }

            IEnumerable<RevenueLine> pieces = [line];
            foreach (var pause in pauses[subscription].OrderBy(pause => pause.ServiceStart))
            {
                pieces = [.. pieces.SelectMany(piece => Around(piece, pause))];
            }

            result.AddRange(pieces);
        }

        return result;
    }

    /// <summary>The parts of <paramref name="line"/> before and after <paramref name="pause"/> (the line itself when they do not overlap).</summary>
    private static IEnumerable<RevenueLine> Around(RevenueLine line, RevenueLine pause)
    {
        var pauseEnd = pause.ServiceEnd ?? DateTimeOffset.MaxValue;
        var lineEnd = line.ServiceEnd ?? DateTimeOffset.MaxValue;
        if (pause.ServiceStart >= lineEnd || pauseEnd <= line.ServiceStart)
        {
            yield return line;
            yield break;
        }

        if (line.ServiceStart < pause.ServiceStart)
        {
            yield return line with { ServiceEnd = pause.ServiceStart, CancelsAtEnd = false, CancellationRequestedAt = null };
        }

        if (pause.ServiceEnd is { } resume && resume < lineEnd)
        {
            yield return line with { LineKey = string.Concat(line.LineKey, ":resumed"), ServiceStart = resume, CurrentPeriodStart = resume };
        }
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
