using System.Collections.Concurrent;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Fakes;

/// <summary>The value segment rows of close versions in memory: insert-only per (tenant, month, version), as the table store.</summary>
public sealed class InMemoryValueSegmentKpiStore : IValueSegmentKpiStore
{
    private readonly ConcurrentDictionary<(TenantId Tenant, BillingMonth Month, int Version), IReadOnlyList<SegmentSnapshot>> _rows = new();

    /// <summary>How many versions were written (a second write of a version is not counted).</summary>
    public int Writes => _rows.Count;

    public Task<IReadOnlyDictionary<(BillingMonth Month, int Version), IReadOnlyList<SegmentSnapshot>>> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<(BillingMonth Month, int Version), IReadOnlyList<SegmentSnapshot>>>(
            _rows.Where(pair => pair.Key.Tenant == tenant && (from is null || pair.Key.Month >= from) && (to is null || pair.Key.Month <= to))
                .ToDictionary(pair => (pair.Key.Month, pair.Key.Version), pair => pair.Value));

    public Task WriteAsync(
        TenantId tenant, BillingMonth month, int version, DateTimeOffset computedAt, IReadOnlyList<SegmentKpis> segments,
        CancellationToken cancellationToken)
    {
        _rows.TryAdd((tenant, month, version), [.. segments.Select(segment => new SegmentSnapshot(segment, KpiStatus.Closed, version, computedAt))]);
        return Task.CompletedTask;
    }

    /// <summary>Replaces a stored version's rows (to tell stored rows from recomputed ones).</summary>
    public void Replace(TenantId tenant, BillingMonth month, int version, IReadOnlyList<SegmentSnapshot> rows) => _rows[(tenant, month, version)] = rows;
}
