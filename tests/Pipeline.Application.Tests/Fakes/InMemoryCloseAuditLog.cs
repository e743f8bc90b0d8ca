using System.Collections.Concurrent;
using Pipeline.Application.Closes;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryCloseAuditLog : ICloseAuditLog
{
    private readonly ConcurrentDictionary<(TenantId, BillingMonth, DateTimeOffset, string, int), CloseAuditEntry> _entries = new();

    public Task AppendAsync(CloseAuditEntry entry, CancellationToken cancellationToken)
    {
        _entries[(entry.Tenant, entry.Month, entry.At, entry.Kind, entry.Version)] = entry;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CloseAuditEntry>> ListAsync(TenantId tenant, BillingMonth? month, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CloseAuditEntry>>(_entries.Values
            .Where(entry => entry.Tenant == tenant && (month is null || entry.Month == month))
            .OrderBy(entry => entry.Month)
            .ThenBy(entry => entry.At)
            .ThenBy(entry => entry.Kind, StringComparer.Ordinal)
            .ThenBy(entry => entry.Version)
            .ToList());
}
