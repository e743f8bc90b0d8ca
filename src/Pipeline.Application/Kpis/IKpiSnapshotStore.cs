using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>The <c>KpiSnapshots</c> table: the figures BI tools read.</summary>
public interface IKpiSnapshotStore
{
    /// <summary>
    /// Writes a closed month's row (inserting, or replacing its provisional row), together with the row of that close
    /// version, which stays readable after a reopen (<see cref="FindVersionAsync"/>).
    /// </summary>
    Task WriteClosedAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a month's headline row, its segment rows and its cohort cells together: a closed snapshot as
    /// <see cref="WriteClosedAsync"/> and the closed replaces of the other two, an open one (provisional or awaiting
    /// data) as <see cref="WriteProvisionalAsync"/> and the provisional replaces; false when an open write meets a closed month.
    /// </summary>
    /// <remarks>Segment rows carry the snapshot's version and time. A store may do it in fewer round trips than the three writes.</remarks>
    /// <param name="tenant">The tenant.</param>
    /// <param name="snapshot">The month's headline row.</param>
    /// <param name="segments">The month's segment rows.</param>
    /// <param name="cells">The month's cohort cells.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="monthAbsent">
    /// The caller listed the tenant's rows and this month had none: a store may first try to insert the rows as new (and
    /// fall back to the replace when one exists by then). Only a hint; false is always right.
    /// </param>
    async Task<bool> WriteMonthAsync(
        TenantId tenant, KpiSnapshot snapshot, IReadOnlyList<SegmentKpis> segments, IReadOnlyList<CohortCell> cells,
        CancellationToken cancellationToken, bool monthAbsent = false)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var month = snapshot.Kpis.Month;
        if (snapshot.Status == KpiStatus.Closed)
        {
            await WriteClosedAsync(tenant, snapshot, cancellationToken);
            await Task.WhenAll(
                WriteSegmentsAsync(tenant, month, KpiStatus.Closed, snapshot.Version, snapshot.ComputedAt, segments, cancellationToken),
                WriteCohortCellsAsync(tenant, month, KpiStatus.Closed, cells, cancellationToken));
            return true;
        }

        if (!await WriteProvisionalAsync(tenant, snapshot, cancellationToken))
        {
            return false;
        }

        await Task.WhenAll(
            WriteSegmentsAsync(tenant, month, KpiStatus.Provisional, snapshot.Version, snapshot.ComputedAt, segments, cancellationToken),
            WriteCohortCellsAsync(tenant, month, KpiStatus.Provisional, cells, cancellationToken));
        return true;
    }

    /// <summary>The row of one close version of a month; null when that version was never closed.</summary>
    Task<KpiSnapshot?> FindVersionAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken);

    /// <summary>Every closed version's row of a month, oldest version first.</summary>
    Task<IReadOnlyList<KpiSnapshot>> ListVersionsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken);

    /// <summary>
    /// A reopen: the month's current row, segment rows and cohort cells become provisional again, marked with
    /// <paramref name="nextVersion"/> (the version a re-close will write), so provisional refreshes recompute them.
    /// The closed versions' rows are kept.
    /// </summary>
    Task ReopenAsync(TenantId tenant, BillingMonth month, int nextVersion, CancellationToken cancellationToken);

    /// <summary>Writes an open month's row; never replaces a closed row (returns false then).</summary>
    Task<bool> WriteProvisionalAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken);

    Task<KpiSnapshot?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken);

    /// <summary>The tenant's monthly rows from <paramref name="from"/> to <paramref name="to"/> (inclusive, each optional), oldest first.</summary>
    Task<IReadOnlyList<KpiSnapshot>> ListAsync(TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces every segment row of one month (all dimensions; rows of segments that no longer exist are removed).
    /// A provisional write never replaces the rows of a closed month (returns false then).
    /// </summary>
    Task<bool> WriteSegmentsAsync(
        TenantId tenant, BillingMonth month, KpiStatus status, int version, DateTimeOffset computedAt,
        IReadOnlyList<SegmentKpis> segments, CancellationToken cancellationToken);

    /// <summary>The segment rows of one dimension in the month range (inclusive, each optional), by month then value.</summary>
    Task<IReadOnlyList<SegmentSnapshot>> ListSegmentsAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the cohort cells seen at one month end; a provisional
    /// write never replaces the cells of a closed month (returns false then).
    /// </summary>
    Task<bool> WriteCohortCellsAsync(
        TenantId tenant, BillingMonth month, KpiStatus status, IReadOnlyList<CohortCell> cells, CancellationToken cancellationToken);

    /// <summary>Every cohort cell of the tenant, by month then cohort.</summary>
    Task<IReadOnlyList<CohortCell>> ListCohortCellsAsync(TenantId tenant, CancellationToken cancellationToken);
}
