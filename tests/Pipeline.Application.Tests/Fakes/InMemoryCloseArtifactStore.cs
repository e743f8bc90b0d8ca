using System.Collections.Concurrent;
using Pipeline.Application.Closes;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryCloseArtifactStore : ICloseArtifactStore
{
    private readonly ConcurrentDictionary<(TenantId, BillingMonth, int), (IReadOnlyList<CustomerMonthEnd>, IReadOnlyList<CustomerMovement>)> _artifacts = new();
    private readonly ConcurrentDictionary<(TenantId, BillingMonth), (IReadOnlyList<CustomerMonthEnd>, IReadOnlyList<CustomerMovement>)> _provisional = new();

    /// <summary>When set, the write for this month throws once (a crash in the middle of a close).</summary>
    public BillingMonth? FailOnceAt { get; set; }

    /// <summary>
    /// When set, runs once right after a close version's artifacts are stored (tenant, month, version), before the
    /// close goes on to its KPI rows and record: a way to interleave other work with a close.
    /// </summary>
    public Func<TenantId, BillingMonth, int, Task>? AfterVersionWriteOnce { get; set; }

    public async Task WriteAsync(
        TenantId tenant, BillingMonth month, int version, IReadOnlyList<CustomerMonthEnd> closing,
        IReadOnlyList<CustomerMovement> movements, CancellationToken cancellationToken)
    {
        if (FailOnceAt == month)
        {
            FailOnceAt = null;
            throw new IOException($"Injected storage fault while writing {month}.");
        }

        _artifacts[(tenant, month, version)] = (closing, movements);
        if (AfterVersionWriteOnce is { } hook)
        {
            AfterVersionWriteOnce = null;
            await hook(tenant, month, version);
        }
    }

    /// <summary>Every stored close (month, version), oldest first; provisional artifacts are not listed.</summary>
    public IReadOnlyList<(BillingMonth Month, int Version)> Versions(TenantId tenant) =>
        _artifacts.Keys.Where(key => key.Item1 == tenant).Select(key => (key.Item2, key.Item3)).Order().ToList();

    /// <summary>Every month with provisional artifacts, oldest first.</summary>
    public IReadOnlyList<BillingMonth> ProvisionalMonths(TenantId tenant) =>
        _provisional.Keys.Where(key => key.Item1 == tenant).Select(key => key.Item2).Order().ToList();

    /// <summary>How many times a locked snapshot was read (<see cref="ReadClosingAsync"/>).</summary>
    public int ClosingReads { get; private set; }

    public Task<IReadOnlyList<CustomerMonthEnd>?> ReadClosingAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken)
    {
        ClosingReads++;
        return Task.FromResult(_artifacts.TryGetValue((tenant, month, version), out var found) ? found.Item1 : null);
    }

    public Task<IReadOnlyList<CustomerMovement>?> ReadMovementsAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        Task.FromResult(_artifacts.TryGetValue((tenant, month, version), out var found) ? found.Item2 : null);

    public Task WriteProvisionalAsync(
        TenantId tenant, BillingMonth month, IReadOnlyList<CustomerMonthEnd> closing, IReadOnlyList<CustomerMovement> movements,
        CancellationToken cancellationToken)
    {
        _provisional[(tenant, month)] = (closing, movements);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CustomerMonthEnd>?> ReadProvisionalClosingAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        Task.FromResult(_provisional.TryGetValue((tenant, month), out var found) ? found.Item1 : null);

    public Task<IReadOnlyList<CustomerMovement>?> ReadProvisionalMovementsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        Task.FromResult(_provisional.TryGetValue((tenant, month), out var found) ? found.Item2 : null);
}
