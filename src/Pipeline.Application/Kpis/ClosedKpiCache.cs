using System.Collections.Concurrent;
using Pipeline.Domain;

namespace Pipeline.Application.Kpis;

/// <summary>Serves a tenant's KPI rows from memory while its change stamp stays the same; closed rows are kept by tenant, month and close version.</summary>
/// <remarks>
/// <para>
/// The store changes a tenant's stamp (<see cref="IKpiChangeStamps"/>) after every write of its rows — a close, a reopen, a
/// provisional refresh — so while the stamp is the one this instance last read the rows under, those rows are still what
/// the store holds. A new stamp makes the next read take the tenant's headline rows again (one range query, shared by the
/// readers of that stamp); segment rows are taken per dimension when first asked for.
/// </para>
/// <para>
/// Which stamp is current: a write in this process hands its new stamp over at once (<see cref="IKpiChangeStamps.Changed"/>),
/// so a read after a close, reopen or refresh that returned here sees it. A write on another instance is seen within
/// <c>maxStaleness</c>: a stamp read less than that long ago is used without a storage round trip, one older than half
/// of it is read again in the background while it is still used (under steady reads the stamp is renewed without any
/// request waiting), and one older than all of it is read before the request is answered (shared by concurrent readers
/// through <see cref="SharedFreshReads{TKey, TValue}"/>, so always a read that started after the request arrived). A
/// stamp read that began before a write in this process never replaces the stamp that write handed over. A
/// <c>maxStaleness</c> of zero reads the stamp on every request.
/// </para>
/// <para>
/// A close version never changes, so a closed row is kept by (tenant, month, version) across stamps and the same
/// instance is handed out again: a reopened month's row is provisional with the next version, never the old one, and a
/// representation built from closed rows stays valid as long as they are the rows served. Provisional rows live only
/// as long as their stamp.
/// </para>
/// <para>
/// A tenant without a stamp (rows written before stamps existed, or no rows) is read from the store on every request;
/// its next write gives it one. Memory: one view (rows of every month) and one stamp per tenant read, and at most
/// <see cref="MaxClosedRows"/> closed rows, after which that cache starts again empty.
/// </para>
/// </remarks>
public sealed class ClosedKpiCache
{
    /// <summary>The most closed rows kept before that cache is emptied.</summary>
    public const int MaxClosedRows = 50_000;

    private readonly IKpiSnapshotStore _snapshots;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxStaleness;
    private readonly SharedFreshReads<TenantId, string?> _stamps;
    private readonly SharedFreshReads<(TenantId Tenant, string Stamp), TenantKpiView> _views;
    private readonly ConcurrentDictionary<TenantId, KnownStamp> _known = new();
    private readonly ConcurrentDictionary<TenantId, byte> _renewing = new();
    private readonly ConcurrentDictionary<TenantId, TenantKpiView> _latest = new();
    private readonly ConcurrentDictionary<(TenantId Tenant, BillingMonth Month, int Version), KpiSnapshot> _closed = new();

    /// <summary>A cache that reads the stamp on every request.</summary>
    public ClosedKpiCache(IKpiSnapshotStore snapshots, IKpiChangeStamps stamps)
        : this(snapshots, stamps, TimeProvider.System, TimeSpan.Zero)
    {
    }

    /// <param name="snapshots">The store the rows come from.</param>
    /// <param name="stamps">The tenants' change stamps.</param>
    /// <param name="time">The clock the age of a stamp read is taken on.</param>
    /// <param name="maxStaleness">How long a stamp read serves requests: the longest a write on another instance goes unseen.</param>
    public ClosedKpiCache(IKpiSnapshotStore snapshots, IKpiChangeStamps stamps, TimeProvider time, TimeSpan maxStaleness)
    {
        ArgumentNullException.ThrowIfNull(stamps);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStaleness, TimeSpan.Zero);
        _snapshots = snapshots ?? throw new ArgumentNullException(nameof(snapshots));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _maxStaleness = maxStaleness;
        _stamps = new(tenant => stamps.ReadAsync(tenant, CancellationToken.None));
        _views = new(key => ReadViewAsync(key.Tenant, key.Stamp), joinRunningRead: true);
        stamps.Changed += OnChanged;
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
        if (await CurrentStampAsync(tenant, cancellationToken) is not { } stamp)
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

    /// <summary>The stamp known from a read or a write here less than <see cref="_maxStaleness"/> ago, else one read now.</summary>
    private async Task<string?> CurrentStampAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(tenant, out var known))
        {
            var age = _time.GetElapsedTime(known.ConfirmedAt);
            if (age < _maxStaleness)
            {
                if (age >= _maxStaleness / 2 && _renewing.TryAdd(tenant, 0))
                {
                    _ = RenewAsync(tenant);
                }

                return known.Stamp;
            }
        }

        return await ReadStampAsync(tenant, cancellationToken);
    }

    /// <summary>
    /// Reads the stamp (a read that starts after this call) and keeps it, aged from when the call began (so a write elsewhere
    /// that returned before a request is seen by any request at least <see cref="_maxStaleness"/> later), unless a write
    /// here handed over a newer stamp meanwhile.
    /// </summary>
    private async Task<string?> ReadStampAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var writesBefore = _known.TryGetValue(tenant, out var before) ? before.LocalWrites : 0;
        var started = _time.GetTimestamp();
        var stamp = await _stamps.ReadAsync(tenant, cancellationToken);
        var read = new KnownStamp(stamp, started, writesBefore);
        _known.AddOrUpdate(tenant, read, (_, current) => current.LocalWrites == writesBefore ? read : current);
        return stamp;
    }

    /// <summary>Renews the tenant's stamp in the background; a failure leaves it to the next read that finds the stamp too old.</summary>
    private async Task RenewAsync(TenantId tenant)
    {
        try
        {
            await ReadStampAsync(tenant, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not lost: once the known stamp is older than the staleness bound, a request reads it and sees the failure.
        }
        finally
        {
            _renewing.TryRemove(tenant, out _);
        }
    }

    private void OnChanged(TenantId tenant, string stamp) =>
        _known.AddOrUpdate(
            tenant,
            _ => new KnownStamp(stamp, _time.GetTimestamp(), 1),
            (_, current) => new KnownStamp(stamp, _time.GetTimestamp(), current.LocalWrites + 1));

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

    /// <summary>A tenant's stamp, when it was read or written here (a <see cref="TimeProvider"/> timestamp), and how many writes here it has seen.</summary>
    private sealed record KnownStamp(string? Stamp, long ConfirmedAt, long LocalWrites);
}
