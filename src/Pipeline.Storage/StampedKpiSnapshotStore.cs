using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage;

/// <summary>The <see cref="TableKpiSnapshotStore"/> with the tenant's change stamp renewed after each write (<see cref="TableKpiChangeStamps"/>).</summary>
/// <remarks>
/// A decorator, so the table store and its callers (the close and the provisional refresh) are unchanged. The stamp is
/// written after the rows, also when a provisional write gave up (false): nothing is lost by a stamp too many. A write that
/// fails leaves the stamp alone and throws, as before; its retry renews it.
/// </remarks>
internal sealed class StampedKpiSnapshotStore(TableKpiSnapshotStore store, TableKpiChangeStamps stamps) : IKpiSnapshotStore
{
    public async Task WriteClosedAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken)
    {
        await store.WriteClosedAsync(tenant, snapshot, cancellationToken);
        await stamps.ChangeAsync(tenant, cancellationToken);
    }

    public async Task<bool> WriteMonthAsync(
        TenantId tenant, KpiSnapshot snapshot, IReadOnlyList<SegmentKpis> segments, IReadOnlyList<CohortCell> cells,
        CancellationToken cancellationToken, bool monthAbsent = false) =>
        await StampedAsync(tenant, store.WriteMonthAsync(tenant, snapshot, segments, cells, cancellationToken, monthAbsent), cancellationToken);

    public async Task ReopenAsync(TenantId tenant, BillingMonth month, int nextVersion, CancellationToken cancellationToken)
    {
        await store.ReopenAsync(tenant, month, nextVersion, cancellationToken);
        await stamps.ChangeAsync(tenant, cancellationToken);
    }

    public async Task<bool> WriteProvisionalAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken) =>
        await StampedAsync(tenant, store.WriteProvisionalAsync(tenant, snapshot, cancellationToken), cancellationToken);

    public async Task<bool> WriteSegmentsAsync(
        TenantId tenant, BillingMonth month, KpiStatus status, int version, DateTimeOffset computedAt,
        IReadOnlyList<SegmentKpis> segments, CancellationToken cancellationToken) =>
        await StampedAsync(tenant, store.WriteSegmentsAsync(tenant, month, status, version, computedAt, segments, cancellationToken), cancellationToken);

    public async Task<bool> WriteCohortCellsAsync(
        TenantId tenant, BillingMonth month, KpiStatus status, IReadOnlyList<CohortCell> cells, CancellationToken cancellationToken) =>
        await StampedAsync(tenant, store.WriteCohortCellsAsync(tenant, month, status, cells, cancellationToken), cancellationToken);

    public Task<KpiSnapshot?> FindVersionAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        store.FindVersionAsync(tenant, month, version, cancellationToken);

    public Task<IReadOnlyList<KpiSnapshot>> ListVersionsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        store.ListVersionsAsync(tenant, month, cancellationToken);

    public Task<KpiSnapshot?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        store.FindAsync(tenant, month, cancellationToken);

    public Task<IReadOnlyList<KpiSnapshot>> ListAsync(TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken) =>
        store.ListAsync(tenant, from, to, cancellationToken);

    public Task<IReadOnlyList<SegmentSnapshot>> ListSegmentsAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken) =>
        store.ListSegmentsAsync(tenant, dimension, from, to, cancellationToken);

    public Task<IReadOnlyList<CohortCell>> ListCohortCellsAsync(TenantId tenant, CancellationToken cancellationToken) =>
        store.ListCohortCellsAsync(tenant, cancellationToken);

    private async Task<bool> StampedAsync(TenantId tenant, Task<bool> write, CancellationToken cancellationToken)
    {
        var written = await write;
        await stamps.ChangeAsync(tenant, cancellationToken);
        return written;
    }
}
