namespace Pipeline.Application.Kpis;

/// <summary>The dimensions KPIs can be cut by (<c>by=</c>), as METRICS.md §5 lists them.</summary>
public static class SegmentDimensions
{
    /// <summary>plan, product and currency split a customer by line; the others place the whole customer.</summary>
    public static IReadOnlyList<string> All { get; } = ["plan", "product", "currency", "country", "channel", "segment", "tier", "band"];

    public static bool IsKnown(string dimension) => All.Contains(dimension, StringComparer.Ordinal);
}
