using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>
/// The value segment rows of closed months, per close version (table <c>CloseFigures</c>, partition <c>{tenant}|valueSegment</c>):
/// computed at the first read of that version (<see cref="ValueSegmentKpiService"/>), written once and never changed.
/// </summary>
public interface IValueSegmentKpiStore
{
    /// <summary>
    /// The stored rows of the close versions of the months from <paramref name="from"/> to <paramref name="to"/> (inclusive,
    /// each optional), by month and version; a version whose rows were not all written is absent.
    /// </summary>
    Task<IReadOnlyDictionary<(BillingMonth Month, int Version), IReadOnlyList<SegmentSnapshot>>> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the rows of close version <paramref name="version"/> of <paramref name="month"/> (status closed), all or
    /// none as readers see them; a version already stored keeps its rows (the figures of a close version never change).
    /// </summary>
    Task WriteAsync(
        TenantId tenant, BillingMonth month, int version, DateTimeOffset computedAt, IReadOnlyList<SegmentKpis> segments,
        CancellationToken cancellationToken);
}
