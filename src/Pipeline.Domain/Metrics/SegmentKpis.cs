namespace Pipeline.Domain.Metrics;

/// <summary>The KPIs of one segment of one dimension (for example dimension <c>plan</c>, value <c>pro</c>).</summary>
/// <remarks>
/// The movement identity holds in every segment; a customer who moves between segments shows as leaving one and
/// entering the other. MRR, start MRR and FX impact of the segments of one dimension add up to the tenant's.
/// </remarks>
/// <param name="Dimension">plan, product, currency, country, channel, segment, tier (Pareto top 20 % or rest) or band (MRR bands).</param>
/// <param name="Value">The segment; an empty attribute is the value <c>(none)</c>.</param>
/// <param name="Kpis">The segment's figures.</param>
public sealed record SegmentKpis(string Dimension, string Value, MonthlyKpis Kpis);
