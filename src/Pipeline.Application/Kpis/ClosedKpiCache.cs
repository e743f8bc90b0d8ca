using System.Collections.Concurrent;
using Pipeline.Domain;

namespace Pipeline.Application.Kpis;

/// <summary>Serves a tenant's KPI rows from memory while its change stamp stays the same; closed rows are kept by tenant, month and close version.</summary>
/// <remarks>
/// <para>
/// Every read first takes the tenant's change stamp (<see cref="IKpiChangeStamps"/>: one point read, shared by concurrent
/// readers through <see cref="SharedFreshReads{TKey, TValue}"/>, so it always started after the request arrived). The store
/// changes the stamp after every write of the tenant's rows — a close, a reopen, a provisional refresh — so while it is
/// the stamp this instance last read the rows under, those rows are still what the store holds, on whichever instance
/// the write ran. A new stamp makes the next read take the tenant's headline rows again (one range query, shared by the
/// readers of that stamp); segment rows are taken per dimension when first asked for.
/// </para>
/// <para>
/// A close version never changes, so a closed row is kept by (tenant, month, version) across stamps and the same
/// instance is handed out again: a reopened month's row is provisional with the next version, never the old one, and a
/// representation built from closed rows stays valid as long as they are the rows served. Provisional rows live only
/// as long as their stamp.
/// </para>
/// <para>
/// A tenant without a stamp (rows written before stamps existed, or no rows) is read from the store on every request;
/// its next write gives it one. Memory: one view (rows of every month) per tenant read, and at most <see cref="MaxClosedRows"/>
/// closed rows, after which that cache starts again empty.
/// </para>
/// </remarks>
public sealed class ClosedKpiCache
{
    /// <summary>The most closed rows kept before that cache is emptied.</summary>
    public const int MaxClosedRows = 50_000;

    private readonly IKpiSnapshotStore _snapshots;
    private readonly SharedFreshReads<TenantId, string?> _stamps;
    private readonly SharedFreshReads<(TenantId Tenant, string Stamp), TenantKpiView> _views;
    private readonly ConcurrentDictionary<TenantId, TenantKpiView> _latest = new();
    private readonly ConcurrentDictionary<(TenantId Tenant, BillingMonth Month, int Version), KpiSnapshot> _closed = new();

    public ClosedKpiCache(IKpiSnapshotStore snapshots, IKpiChangeStamps stamps)
    {
        ArgumentNullException.ThrowIfNull(stamps);
        _snapshots = snapshots ?? throw new ArgumentNullException(nameof(snapshots));
        _stamps = new(tenant => stamps.ReadAsync(tenant, CancellationToken.None));
        _views = new(key => ReadViewAsync(key.Tenant, key.Stamp), joinRunningRead: true);
    }

    /// <summary>The tenant's headline rows from <paramref name="from"/> to <paramref name="to"/> (inclusive, each optional), oldest first.</summary>
    public async Task<IReadOnlyList<KpiSnapshot>> ListAsync(TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken) =>
        await ViewAsync(tenant, cancellationToken) is { } view
            ? view.Range(from, to)
            : await _snapshots.ListAsync(tenant, from, to, cancellationToken);

    /// <summary>One month's headline row.</summary>
    public async Task<KpiSnapshot?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        await ViewAsync(tenant, cancellationToken) is { } view
            ? view.Find(month)
            : await _snapshots.FindAsync(tenant, month, cancellationToken);

    /// <summary>The segment rows of one dimension in the range, by month then segment.</summary>
    public async Task<IReadOnlyList<SegmentSnapshot>> ListSegmentsAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken) =>
        await ViewAsync(tenant, cancellationToken) is { } view
            ? await view.SegmentsAsync(dimension, from, to, cancellationToken)
            : await _snapshots.ListSegmentsAsync(tenant, dimension, from, to, cancellationToken);

    /// <summary>The segment rows of one dimension in the range and the headline rows of the same months, under one stamp read.</summary>
    public async Task<(IReadOnlyList<SegmentSnapshot> Segments, IReadOnlyList<KpiSnapshot> Headlines)> ListSegmentsWithHeadlinesAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        if (await ViewAsync(tenant, cancellationToken) is { } view)
        {
            return (await view.SegmentsAsync(dimension, from, to, cancellationToken), view.Range(from, to));
        }

        return (await _snapshots.ListSegmentsAsync(tenant, dimension, from, to, cancellationToken),
            await _snapshots.ListAsync(tenant, from, to, cancellationToken));
    }

    /// <summary>The view of the tenant's current stamp, read once per stamp; null when the tenant has no stamp.</summary>
    private async Task<TenantKpiView?> ViewAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        if (await _stamps.ReadAsync(tenant, cancellationToken) is not { } stamp)
        {
            return null;
        }

        if (_latest.TryGetValue(tenant, out var latest) && string.Equals(latest.Stamp, stamp, StringComparison.Ordinal))
        {
            return latest;
        }

        var view = await _views.ReadAsync((tenant, stamp), cancellationToken);
        _latest[tenant] = view;
        return view;
    }

    /// <summary>Reads the rows after the stamp was read; closed rows already kept are handed out as the same instances.</summary>
    private async Task<TenantKpiView> ReadViewAsync(TenantId tenant, string stamp)
    {
        var rows = await _snapshots.ListAsync(tenant, null, null, CancellationToken.None);
        if (_closed.Count >= MaxClosedRows)
        {
            _closed.Clear();
        }

        var kept = rows
            .Select(row => row.Status == KpiStatus.Closed ? _closed.GetOrAdd((tenant, row.Kpis.Month, row.Version), row) : row)
            .ToList();
        return new TenantKpiView(stamp, kept, (dimension, token) => _snapshots.ListSegmentsAsync(tenant, dimension, null, null, token));
    }
}
