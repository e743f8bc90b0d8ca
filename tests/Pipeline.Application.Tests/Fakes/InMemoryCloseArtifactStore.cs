using System.Collections.Concurrent;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryCloseArtifactStore : ICloseArtifactStore
{
    private readonly ConcurrentDictionary<(TenantId, BillingMonth, int), (IReadOnlyList<CustomerMonthEnd>, IReadOnlyList<CustomerMovement>)> _artifacts = new();

    /// <summary>When set, the write for this month throws once (a crash in the middle of a close).</summary>
    public BillingMonth? FailOnceAt { get; set; }

    public Task WriteAsync(
        TenantId tenant, BillingMonth month, int version, IReadOnlyList<CustomerMonthEnd> closing,
        IReadOnlyList<CustomerMovement> movements, CancellationToken cancellationToken)
    {
        if (FailOnceAt == month)
        {
            FailOnceAt = null;
            throw new IOException($"Injected storage fault while writing {month}.");
        }

        _artifacts[(tenant, month, version)] = (closing, movements);
        return Task.CompletedTask;
    }

    /// <summary>Every stored (month, version), oldest first.</summary>
    public IReadOnlyList<(BillingMonth Month, int Version)> Versions(TenantId tenant) =>
        _artifacts.Keys.Where(key => key.Item1 == tenant).Select(key => (key.Item2, key.Item3)).Order().ToList();

    public Task<IReadOnlyList<CustomerMonthEnd>?> ReadClosingAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        Task.FromResult(_artifacts.TryGetValue((tenant, month, version), out var found) ? found.Item1 : null);

    public Task<IReadOnlyList<CustomerMovement>?> ReadMovementsAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        Task.FromResult(_artifacts.TryGetValue((tenant, month, version), out var found) ? found.Item2 : null);
}
