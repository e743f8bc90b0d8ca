using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>A stored segment row (table <c>KpiSnapshots</c>, row key <c>yyyy-MM|dimension=value</c>).</summary>
/// <param name="Segment">The dimension, value and figures.</param>
/// <param name="Status">Closed (locked with its month) or provisional.</param>
/// <param name="Version">The close version of its month.</param>
/// <param name="ComputedAt">When the figures were computed.</param>
public sealed record SegmentSnapshot(SegmentKpis Segment, KpiStatus Status, int Version, DateTimeOffset ComputedAt);
