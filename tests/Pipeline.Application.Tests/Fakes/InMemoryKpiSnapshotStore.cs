using System.Collections.Concurrent;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryKpiSnapshotStore : IKpiSnapshotStore
{
    private readonly ConcurrentDictionary<(TenantId, BillingMonth), KpiSnapshot> _rows = new();

    public Task WriteClosedAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken)
    {
        _rows[(tenant, snapshot.Kpis.Month)] = snapshot;
        return Task.CompletedTask;
    }

    public Task<bool> WriteProvisionalAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken)
    {
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

    public Task<IReadOnlyList<KpiSnapshot>> ListAsync(TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KpiSnapshot>>(_rows
            .Where(pair => pair.Key.Item1 == tenant && (from is null || pair.Key.Item2 >= from) && (to is null || pair.Key.Item2 <= to))
            .OrderBy(pair => pair.Key.Item2)
            .Select(pair => pair.Value)
            .ToList());
}
