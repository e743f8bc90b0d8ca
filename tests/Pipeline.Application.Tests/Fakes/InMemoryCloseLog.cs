using System.Collections.Concurrent;
using System.Globalization;
using Pipeline.Application.Closes;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

/// <summary>The <c>Closes</c> table in memory: one record per month and version, and a lease with ETags like Table Storage.</summary>
public sealed class InMemoryCloseLog : ICloseLog
{
    private readonly ConcurrentDictionary<(TenantId, BillingMonth, int), CloseRecord> _records = new();
    private readonly Dictionary<TenantId, CloseLease> _leases = [];
    private readonly Lock _leaseLock = new();
    private int _etag;

    /// <summary>When set, saving the record of this month throws once (after the artifacts and KPI rows are written).</summary>
    public BillingMonth? FailOnceAt { get; set; }

    public Task<CloseRecord?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        Task.FromResult(Versions(tenant, month).LastOrDefault());

    public Task<IReadOnlyList<CloseRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CloseRecord>>(_records.Values
            .Where(record => record.Tenant == tenant)
            .GroupBy(record => record.Month)
            .Select(month => month.MaxBy(record => record.Version)!)
            .OrderBy(record => record.Month)
            .ToList());

    public Task<IReadOnlyList<CloseRecord>> ListVersionsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CloseRecord>>(Versions(tenant, month));

    public Task SaveAsync(CloseRecord record, CancellationToken cancellationToken)
    {
        FailIfInjected(record);
        _records[(record.Tenant, record.Month, record.Version)] = record;
        return Task.CompletedTask;
    }

    public Task<bool> TryAddAsync(CloseRecord record, CancellationToken cancellationToken)
    {
        FailIfInjected(record);
        return Task.FromResult(_records.TryAdd((record.Tenant, record.Month, record.Version), record));
    }

    private void FailIfInjected(CloseRecord record)
    {
        if (FailOnceAt == record.Month)
        {
            FailOnceAt = null;
            throw new IOException($"Injected storage fault while saving the close record of {record.Month}.");
        }
    }

    public Task<CloseLease?> TryAcquireLeaseAsync(
        TenantId tenant, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_leaseLock)
        {
            if (_leases.TryGetValue(tenant, out var held) && held.ExpiresAt > now && held.Holder != holder)
            {
                return Task.FromResult<CloseLease?>(null);
            }

            return Task.FromResult<CloseLease?>(_leases[tenant] = new CloseLease(tenant, holder, now + duration, NextETag(), now));
        }
    }

    public Task<CloseLease?> TryRenewLeaseAsync(CloseLease lease, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_leaseLock)
        {
            if (!_leases.TryGetValue(lease.Tenant, out var held) || held.ETag != lease.ETag)
            {
                return Task.FromResult<CloseLease?>(null);
            }

            return Task.FromResult<CloseLease?>(_leases[lease.Tenant] = lease with { ExpiresAt = now + duration, ETag = NextETag() });
        }
    }

    public Task ReleaseLeaseAsync(CloseLease lease, CancellationToken cancellationToken)
    {
        lock (_leaseLock)
        {
            if (_leases.TryGetValue(lease.Tenant, out var held) && held.ETag == lease.ETag)
            {
                _leases.Remove(lease.Tenant);
            }
        }

        return Task.CompletedTask;
    }

    public Task<CloseLease?> FindLeaseAsync(TenantId tenant, CancellationToken cancellationToken) => Task.FromResult(LeaseOf(tenant));

    public Task<bool> TryBreakLeaseAsync(CloseLease lease, CancellationToken cancellationToken)
    {
        lock (_leaseLock)
        {
            return Task.FromResult(_leases.TryGetValue(lease.Tenant, out var held) && held.ETag == lease.ETag && _leases.Remove(lease.Tenant));
        }
    }

    /// <summary>The tenant's lease as stored, or null when nobody holds it.</summary>
    public CloseLease? LeaseOf(TenantId tenant)
    {
        lock (_leaseLock)
        {
            return _leases.GetValueOrDefault(tenant);
        }
    }

    private List<CloseRecord> Versions(TenantId tenant, BillingMonth month) =>
        _records.Values.Where(record => record.Tenant == tenant && record.Month == month).OrderBy(record => record.Version).ToList();

    private string NextETag() => string.Create(CultureInfo.InvariantCulture, $"W/\"{Interlocked.Increment(ref _etag)}\"");
}
