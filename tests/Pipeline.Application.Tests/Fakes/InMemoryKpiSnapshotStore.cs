using System.Collections.Concurrent;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryKpiSnapshotStore : IKpiSnapshotStore
{
    private readonly ConcurrentDictionary<(TenantId, BillingMonth), KpiSnapshot> _rows = new();
    private readonly ConcurrentDictionary<(TenantId, BillingMonth), IReadOnlyList<SegmentSnapshot>> _segments = new();
    private readonly ConcurrentDictionary<(TenantId, BillingMonth), IReadOnlyList<CohortCell>> _cohorts = new();
    private readonly ConcurrentDictionary<(TenantId, BillingMonth, int), KpiSnapshot> _versions = new();

    /// <summary>
    /// When set, runs once right after a closed headline row is written (tenant, month), before the close goes on to
    /// its segment rows, cohort cells and record: a way to interleave other work with a close.
    /// </summary>
    public Func<TenantId, BillingMonth, Task>? AfterClosedWriteOnce { get; set; }

    public async Task WriteClosedAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken)
    {
        _versions[(tenant, snapshot.Kpis.Month, snapshot.Version)] = snapshot;
        _rows[(tenant, snapshot.Kpis.Month)] = snapshot;
        if (AfterClosedWriteOnce is { } hook)
        {
            AfterClosedWriteOnce = null;
            await hook(tenant, snapshot.Kpis.Month);
        }
    }

    public Task<KpiSnapshot?> FindVersionAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        Task.FromResult(_versions.GetValueOrDefault((tenant, month, version)));

    public Task<IReadOnlyList<KpiSnapshot>> ListVersionsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KpiSnapshot>>(_versions
            .Where(pair => pair.Key.Item1 == tenant && pair.Key.Item2 == month)
            .OrderBy(pair => pair.Key.Item3)
            .Select(pair => pair.Value)
            .ToList());

    public Task ReopenAsync(TenantId tenant, BillingMonth month, int nextVersion, CancellationToken cancellationToken)
    {
        if (_rows.TryGetValue((tenant, month), out var row))
        {
            _rows[(tenant, month)] = row with { Status = KpiStatus.Provisional, Version = nextVersion };
        }

        if (_segments.TryGetValue((tenant, month), out var segments))
        {
            _segments[(tenant, month)] = segments.Select(segment => segment with { Status = KpiStatus.Provisional, Version = nextVersion }).ToList();
        }

        return Task.CompletedTask;
    }

    /// <summary>When set, a provisional row it holds true for is not written: the write throws, as a storage fault would.</summary>
    public Func<KpiSnapshot, bool>? FailProvisionalWrite { get; set; }

    public Task<bool> WriteProvisionalAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (FailProvisionalWrite?.Invoke(snapshot) == true)
        {
            throw new IOException($"Injected fault writing the provisional row of {snapshot.Kpis.Month}.");
        }

        var key = (tenant, snapshot.Kpis.Month);
        if (_rows.TryGetValue(key, out var existing) && existing.Status == KpiStatus.Closed)
        {
            return Task.FromResult(false);
        }

        _rows[key] = snapshot;
        return Task.FromResult(true);
    }

    public Task<KpiSnapshot?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault((tenant, month)));

    /// <summary>How many times the tenant rows were listed (every run of the open months lists them once, a refresh twice).</summary>
    public int Lists => _lists;

    private int _lists;

    public Task<IReadOnlyList<KpiSnapshot>> ListAsync(TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        return Task.FromResult<IReadOnlyList<KpiSnapshot>>(_rows
            .Where(pair => pair.Key.Item1 == tenant && (from is null || pair.Key.Item2 >= from) && (to is null || pair.Key.Item2 <= to))
            .OrderBy(pair => pair.Key.Item2)
            .Select(pair => pair.Value)
            .ToList());
    }

    public Task<bool> WriteSegmentsAsync(
        TenantId tenant, BillingMonth month, KpiStatus status, int version, DateTimeOffset computedAt,
        IReadOnlyList<SegmentKpis> segments, CancellationToken cancellationToken)
    {
        if (status == KpiStatus.Provisional && IsClosed(tenant, month))
        {
            return Task.FromResult(false);
        }

        _segments[(tenant, month)] = segments.Select(segment => new SegmentSnapshot(segment, status, version, computedAt)).ToList();
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<SegmentSnapshot>> ListSegmentsAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SegmentSnapshot>>(_segments
            .Where(pair => pair.Key.Item1 == tenant && (from is null || pair.Key.Item2 >= from) && (to is null || pair.Key.Item2 <= to))
            .OrderBy(pair => pair.Key.Item2)
            .SelectMany(pair => pair.Value.Where(row => row.Segment.Dimension == dimension).OrderBy(row => row.Segment.Value, StringComparer.Ordinal))
            .ToList());

    public Task<bool> WriteCohortCellsAsync(
        TenantId tenant, BillingMonth month, KpiStatus status, IReadOnlyList<CohortCell> cells, CancellationToken cancellationToken)
    {
        if (status == KpiStatus.Provisional && IsClosed(tenant, month))
        {
            return Task.FromResult(false);
        }

        _cohorts[(tenant, month)] = cells;
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<CohortCell>> ListCohortCellsAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CohortCell>>(_cohorts
            .Where(pair => pair.Key.Item1 == tenant)
            .OrderBy(pair => pair.Key.Item2)
            .SelectMany(pair => pair.Value.OrderBy(cell => cell.Cohort))
            .ToList());

    private bool IsClosed(TenantId tenant, BillingMonth month) =>
        _rows.TryGetValue((tenant, month), out var row) && row.Status == KpiStatus.Closed;
}
