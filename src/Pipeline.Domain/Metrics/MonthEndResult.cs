namespace Pipeline.Domain.Metrics;

/// <summary>What computing one month produces: its KPIs, the per-customer snapshot to lock, and the drill-down.</summary>
/// <param name="Kpis">The month's headline figures.</param>
/// <param name="Closing">Every customer with MRR &gt; 0 or <see cref="CustomerMonthEnd.EverPaid"/>, at the month's end, ordered by customer id.</param>
/// <param name="Movements">One row per customer with a movement or subscribed-and-churned, ordered by customer id.</param>
public sealed record MonthEndResult(
    MonthlyKpis Kpis,
    IReadOnlyList<CustomerMonthEnd> Closing,
    IReadOnlyList<CustomerMovement> Movements)
{
    /// <summary>The month's KPIs cut by every segment dimension (<see cref="SegmentDimensions"/>), by dimension then value.</summary>
    /// <remarks>
    /// One entry per (dimension, value) with start or end MRR or a movement; the identity holds in each, and MRR, start
    /// MRR and FX impact of one dimension's segments add up to the tenant's.
    /// </remarks>
    public IReadOnlyList<SegmentKpis> Segments { get; init; } = [];
}
