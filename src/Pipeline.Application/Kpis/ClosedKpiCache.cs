using System.Collections.Concurrent;
using Pipeline.Application.Closes;
using Pipeline.Domain;

namespace Pipeline.Application.Kpis;

/// <summary>Serves closed months' KPI rows from memory, keyed by tenant, month and close version; the close log decides what is current.</summary>
/// <remarks>
/// <para>
/// A close version never changes (<see cref="ICloseLog"/>: a version record is inserted once, after its rows are
/// written), so the row of (tenant, month, version) may be kept for ever. What a read must not keep is which version is
/// current: every read first takes the tenant's close records (one small query, shared by concurrent readers through
/// <see cref="SharedFreshReads{TKey, TValue}"/>, so it always started after the request arrived). A month whose latest
/// record is <see cref="CloseStatus.Closed"/> at version v is served from the cached row of v; a reopened month has a
/// <see cref="CloseStatus.Reopened"/> record, so its old row is never served again, and its re-close is version v + 1.
/// </para>
/// <para>
/// Open months (provisional or awaiting data) are never cached: they are read from the store on each request (shared
/// the same way), so a provisional refresh is visible to the next request. Closes go oldest first from the tenant's
/// first month and a reopen reopens every later month, so the closed months are a run and the open ones follow it; a
/// tenant whose closed months have a gap is read from the store whole.
/// </para>
/// <para>
/// The cache holds at most <see cref="MaxRows"/> rows across tenants; past that it starts again empty (a bounded cost,
/// not an eviction policy: a tenant's 72 months are a few hundred kilobytes).
/// </para>
/// </remarks>
public sealed class ClosedKpiCache
{
    /// <summary>The most rows kept before the cache is emptied.</summary>
    public const int MaxRows = 20_000;

    private readonly IKpiSnapshotStore _snapshots;
    private readonly ConcurrentDictionary<(TenantId Tenant, BillingMonth Month, int Version), KpiSnapshot> _rows = new();
    private readonly SharedFreshReads<TenantId, IReadOnlyDictionary<BillingMonth, CloseRecord>> _closes;
    private readonly SharedFreshReads<(TenantId Tenant, BillingMonth? From, BillingMonth? To), IReadOnlyList<KpiSnapshot>> _ranges;
    private readonly SharedFreshReads<(TenantId Tenant, BillingMonth Month), KpiSnapshot?> _months;

    public ClosedKpiCache(IKpiSnapshotStore snapshots, ICloseLog closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        _snapshots = snapshots ?? throw new ArgumentNullException(nameof(snapshots));
        _closes = new(async tenant => (await closes.ListAsync(tenant, CancellationToken.None)).ToDictionary(record => record.Month));
        _ranges = new(key => snapshots.ListAsync(key.Tenant, key.From, key.To, CancellationToken.None));
        _months = new(key => snapshots.FindAsync(key.Tenant, key.Month, CancellationToken.None));
    }

    /// <summary>The tenant's headline rows from <paramref name="from"/> to <paramref name="to"/> (inclusive, each optional), oldest first.</summary>
    public async Task<IReadOnlyList<KpiSnapshot>> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var closed = ClosedVersions(await _closes.ReadAsync(tenant, cancellationToken));
        if (closed.Count == 0 || !IsRun(closed.Keys))
        {
            return await _ranges.ReadAsync((tenant, from, to), cancellationToken);
        }

        var first = closed.Keys.Min();
        var last = closed.Keys.Max();
        var start = from is { } f && f > first ? f : first;
        var end = to is { } t && t < last ? t : last;
        var rows = start <= end ? await ClosedRowsAsync(tenant, start, end, closed, cancellationToken) : [];
        if (to is null || to > last)
        {
            var after = await _ranges.ReadAsync((tenant, from is { } g && g > last ? g : last.Next(), to), cancellationToken);
            rows.AddRange(after);
        }

        return rows;
    }

    /// <summary>One month's headline row: the cached row of its closed version, or the store's row of an open month.</summary>
    public async Task<KpiSnapshot?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        var closed = ClosedVersions(await _closes.ReadAsync(tenant, cancellationToken));
        if (closed.TryGetValue(month, out var version) && _rows.TryGetValue((tenant, month, version), out var cached))
        {
            return cached;
        }

        var row = await _months.ReadAsync((tenant, month), cancellationToken);
        if (row is not null && closed.TryGetValue(month, out version))
        {
            Keep(tenant, row, version);
        }

        return row;
    }

    /// <summary>The closed rows of <paramref name="start"/>..<paramref name="end"/>, every month closed: from the cache, the misses in one range read.</summary>
    private async Task<List<KpiSnapshot>> ClosedRowsAsync(
        TenantId tenant, BillingMonth start, BillingMonth end, Dictionary<BillingMonth, int> closed, CancellationToken cancellationToken)
    {
        var rows = new List<KpiSnapshot>();
        var misses = new List<BillingMonth>();
        for (var month = start; month <= end; month = month.Next())
        {
            if (_rows.TryGetValue((tenant, month, closed[month]), out var row))
            {
                rows.Add(row);
            }
            else
            {
                misses.Add(month);
            }
        }

        if (misses.Count == 0)
        {
            return rows;
        }

        foreach (var row in await _ranges.ReadAsync((tenant, misses[0], misses[^1]), cancellationToken))
        {
            var month = row.Kpis.Month;
            if (misses.Contains(month))
            {
                Keep(tenant, row, closed[month]);
                rows.Add(row);
            }
        }

        return rows.OrderBy(row => row.Kpis.Month).ToList();
    }

    /// <summary>Keeps a row read from the store when it is the closed version the close log names (a close or reopen may have raced the read).</summary>
    private void Keep(TenantId tenant, KpiSnapshot row, int version)
    {
        if (row.Status != KpiStatus.Closed || row.Version != version)
        {
            return;
        }

        if (_rows.Count >= MaxRows)
        {
            _rows.Clear();
        }

        _rows.TryAdd((tenant, row.Kpis.Month, version), row);
    }

    private static Dictionary<BillingMonth, int> ClosedVersions(IReadOnlyDictionary<BillingMonth, CloseRecord> records) =>
        records.Values.Where(record => record.Status == CloseStatus.Closed).ToDictionary(record => record.Month, record => record.Version);

    /// <summary>Whether the months are consecutive (no open month between two closed ones).</summary>
    private static bool IsRun(IEnumerable<BillingMonth> months)
    {
        var ordered = months.Order().ToList();
        return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.Next() == pair.Second);
    }
}
