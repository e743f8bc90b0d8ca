using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Kpis;

/// <summary>Reads published KPI rows for BI: straight from the snapshots, never recomputed on a read.</summary>
/// <remarks>
/// With the store's change stamps (<see cref="IKpiChangeStamps"/>, as the hosts compose it) headline and segment rows come
/// from a <see cref="ClosedKpiCache"/>: while nothing changed a read costs no storage call, and the stamp is read at most
/// every <see cref="TenantSettings.KpiReadMaxStaleness"/> (every read without <paramref name="settings"/>). Without stamps
/// every read goes to the store.
/// </remarks>
public sealed class KpiQueryService(
    IKpiSnapshotStore snapshots, IImportLog imports, IKpiChangeStamps? stamps = null, TenantSettings? settings = null, TimeProvider? time = null)
{
    private readonly ClosedKpiCache? _cache = stamps is null
        ? null
        : new ClosedKpiCache(snapshots, stamps, time ?? TimeProvider.System, settings?.KpiReadMaxStaleness ?? TimeSpan.Zero);

    /// <summary>The tenant's monthly rows in the range (inclusive), oldest first; null when the tenant is unknown.</summary>
    public async Task<IReadOnlyList<KpiSnapshot>?> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var rows = _cache is null
            ? await snapshots.ListAsync(tenant, from, to, cancellationToken)
            : await _cache.ListAsync(tenant, from, to, cancellationToken);
        return rows.Count > 0 || await TenantExistsAsync(tenant, cancellationToken) ? rows : null;
    }

    /// <summary>The segment rows of one dimension in the range, by month then segment; null when the tenant is unknown.</summary>
    public async Task<IReadOnlyList<SegmentSnapshot>?> ListSegmentsAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var rows = _cache is null
            ? await snapshots.ListSegmentsAsync(tenant, dimension, from, to, cancellationToken)
            : await _cache.ListSegmentsAsync(tenant, dimension, from, to, cancellationToken);
        return rows.Count > 0 || await TenantExistsAsync(tenant, cancellationToken) ? rows : null;
    }

    /// <summary>
    /// The segment rows of one dimension in the range with the headline rows of the same months (whose settings the segment
    /// rows show), read together; null when the tenant is unknown.
    /// </summary>
    public async Task<(IReadOnlyList<SegmentSnapshot> Segments, IReadOnlyList<KpiSnapshot> Headlines)?> ListSegmentsWithHeadlinesAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var (segments, headlines) = _cache is null
            ? (await snapshots.ListSegmentsAsync(tenant, dimension, from, to, cancellationToken), await snapshots.ListAsync(tenant, from, to, cancellationToken))
            : await _cache.ListSegmentsWithHeadlinesAsync(tenant, dimension, from, to, cancellationToken);
        return segments.Count > 0 || await TenantExistsAsync(tenant, cancellationToken) ? (segments, headlines) : null;
    }

    public Task<KpiSnapshot?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        _cache is null ? snapshots.FindAsync(tenant, month, cancellationToken) : _cache.FindAsync(tenant, month, cancellationToken);

    /// <summary>The row of one closed version of a month; null when that version was never closed.</summary>
    public Task<KpiSnapshot?> FindVersionAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        snapshots.FindVersionAsync(tenant, month, version, cancellationToken);

    /// <summary>Every closed version's row of a month, oldest version first.</summary>
    public Task<IReadOnlyList<KpiSnapshot>> ListVersionsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        snapshots.ListVersionsAsync(tenant, month, cancellationToken);

    /// <summary>A tenant exists once any file was dropped for it, whatever became of the file.</summary>
    public async Task<bool> TenantExistsAsync(TenantId tenant, CancellationToken cancellationToken) =>
        (await imports.ListAsync(tenant, cancellationToken)).Count > 0;
}
