using System.Collections.Concurrent;
using Pipeline.Application.Closes;
using Pipeline.Application.Ports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryCloseLog : ICloseLog
{
    private readonly ConcurrentDictionary<(TenantId, BillingMonth), CloseRecord> _records = new();

    /// <summary>When set, saving the record of this month throws once (after the artifacts and KPI rows are written).</summary>
    public BillingMonth? FailOnceAt { get; set; }

    public Task<CloseRecord?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault((tenant, month)));

    public Task<IReadOnlyList<CloseRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CloseRecord>>(_records.Values.Where(record => record.Tenant == tenant).OrderBy(record => record.Month).ToList());

    public Task SaveAsync(CloseRecord record, CancellationToken cancellationToken)
    {
        if (FailOnceAt == record.Month)
        {
            FailOnceAt = null;
            throw new IOException($"Injected storage fault while saving the close record of {record.Month}.");
        }

        _records[(record.Tenant, record.Month)] = record;
        return Task.CompletedTask;
    }
}
