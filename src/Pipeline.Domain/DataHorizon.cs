namespace Pipeline.Domain;

/// <summary>The latest instant a tenant's revenue exports cover: how far its figures can honestly be measured.</summary>
/// <remarks>
/// <para>
/// A line shows the data reached the latest of its service start, its issue date and, for a subscription snapshot,
/// the time the snapshot was taken; the horizon is the latest of these over the ledger. A line dated in the future
/// (an invoice issued ahead, a future-dated subscription) says nothing about the rest of the customer base, so the
/// horizon is never later than the latest time a revenue export was received.
/// </para>
/// <para>
/// With monthly invoices exported through November, the horizon is in November: December's invoices are not in the
/// ledger yet, so December measured at its end would show every monthly customer as churned. A provisional month is
/// therefore measured at the horizon when that is before its end, months wholly after it are awaiting data, and a
/// close of a month that ends after it warns (METRICS.md §6; issue 11).
/// </para>
/// </remarks>
public static class DataHorizon
{
    /// <summary>The horizon of <paramref name="lines"/>, capped at the latest of <paramref name="receivedAt"/>; null without lines.</summary>
    /// <param name="lines">The tenant's revenue lines.</param>
    /// <param name="receivedAt">When the imports those lines come from were received.</param>
    public static DateTimeOffset? Of(IReadOnlyList<RevenueLine> lines, IEnumerable<DateTimeOffset> receivedAt)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return Of(lines.Count == 0 ? null : lines.Max(LatestOf), receivedAt);
    }

    /// <summary>The horizon from the latest instant the lines show (<see cref="LatestOf"/> over all of them; null without lines).</summary>
    public static DateTimeOffset? Of(DateTimeOffset? latestShown, IEnumerable<DateTimeOffset> receivedAt)
    {
        ArgumentNullException.ThrowIfNull(receivedAt);
        if (latestShown is not { } latest)
        {
            return null;
        }

        var received = receivedAt.DefaultIfEmpty(DateTimeOffset.MaxValue).Max();
        return latest < received ? latest : received;
    }

    /// <summary>The latest instant one line shows: its service start, issue date or snapshot time.</summary>
    public static DateTimeOffset LatestOf(RevenueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var latest = line.ServiceStart;
        latest = line.IssuedAt is { } issued && issued > latest ? issued : latest;
        return line.SnapshotTakenAt is { } taken && taken > latest ? taken : latest;
    }
}
