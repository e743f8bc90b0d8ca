using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ledger;
using Pipeline.Domain;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>
/// The host's ledger store, except that writing the lines of <see cref="Tenant"/> never returns until the host stops:
/// the ingest of that tenant's file never finishes, as when the host runs out of memory or is killed in the middle of
/// it. Nothing after that point of the ingest runs, so what storage holds is what a dead host leaves behind.
/// </summary>
internal sealed class DyingLedgerStore(ILedgerStore inner, TenantId tenant) : ILedgerStore
{
    public TenantId Tenant { get; } = tenant;

    /// <summary>Completed when an ingest of <see cref="Tenant"/> has started to hang in this host.</summary>
    public TaskCompletionSource Hung { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Replaces the host's <see cref="ILedgerStore"/> with a dying one for <paramref name="tenant"/>; returns it once built.</summary>
    public static Func<DyingLedgerStore> Install(IServiceCollection services, TenantId tenant)
    {
        var original = services.Last(descriptor => descriptor.ServiceType == typeof(ILedgerStore));
        services.Remove(original);
        DyingLedgerStore? built = null;
        services.AddSingleton<ILedgerStore>(provider => built = new DyingLedgerStore(
            (ILedgerStore)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!), tenant));
        return () => built ?? throw new InvalidOperationException("The host has not built its ledger store yet.");
    }

    public ILedgerBatchWriter BeginWrite(TenantId tenant, string importId) =>
        tenant == Tenant ? new Writer(this, inner.BeginWrite(tenant, importId)) : inner.BeginWrite(tenant, importId);

    public Task WriteAsync(TenantId tenant, string importId, LedgerBatch batch, CancellationToken cancellationToken) =>
        inner.WriteAsync(tenant, importId, batch, cancellationToken);

    public Task<LedgerBatch?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken) =>
        inner.ReadAsync(tenant, importId, cancellationToken);

    public Task<LedgerBatch?> ReadWithoutLinesAsync(TenantId tenant, string importId, CancellationToken cancellationToken) =>
        inner.ReadWithoutLinesAsync(tenant, importId, cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<RevenueLine>> ReadLinesAsync(
        TenantId tenant, string importId, CancellationToken cancellationToken, bool everyValue = false) =>
        inner.ReadLinesAsync(tenant, importId, cancellationToken, everyValue);

    private sealed class Writer(DyingLedgerStore store, ILedgerBatchWriter inner) : ILedgerBatchWriter
    {
        public async Task WriteLinesAsync(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken)
        {
            store.Hung.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public Task WriteCustomersAsync(IReadOnlyList<CustomerRecord> customers, CancellationToken cancellationToken) =>
            inner.WriteCustomersAsync(customers, cancellationToken);

        public Task CommitAsync(LedgerBatch rest, CancellationToken cancellationToken) => inner.CommitAsync(rest, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
