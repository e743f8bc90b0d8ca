using Pipeline.Domain;

namespace Pipeline.Application.Ports;

/// <summary>The <c>ledger</c> container: one normalized batch per accepted file (<c>{tenant}/{importId}</c>).</summary>
public interface ILedgerStore
{
    /// <summary>Writes (or rewrites, idempotently) the batch of one import.</summary>
    Task WriteAsync(TenantId tenant, string importId, LedgerBatch batch, CancellationToken cancellationToken);

    /// <summary>Reads one import's batch, or null when it was never written.</summary>
    Task<LedgerBatch?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken);
}
