using Pipeline.Domain;

namespace Pipeline.Application.Ledger;

/// <summary>The <c>ledger</c> container: one normalized batch per accepted file (<c>{tenant}/{importId}</c>).</summary>
public interface ILedgerStore
{
    /// <summary>Starts writing (or rewriting, idempotently) the batch of one import in parts; see <see cref="ILedgerBatchWriter"/>.</summary>
    /// <remarks>An ingest hands the lines over as the file is parsed, so it never holds a whole file's lines.</remarks>
    ILedgerBatchWriter BeginWrite(TenantId tenant, string importId);

    /// <summary>Writes (or rewrites, idempotently) the whole batch of one import at once.</summary>
    Task WriteAsync(TenantId tenant, string importId, LedgerBatch batch, CancellationToken cancellationToken);

    /// <summary>Reads one import's batch, or null when it was never written (or never committed).</summary>
    Task<LedgerBatch?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken);

    /// <summary>Reads one import's batch without its revenue lines (<see cref="LedgerBatch.Lines"/> empty), or null as <see cref="ReadAsync"/>.</summary>
    /// <remarks>The customers, spend, rates, movements and documents are small; a reader takes them first and streams the lines.</remarks>
    Task<LedgerBatch?> ReadWithoutLinesAsync(TenantId tenant, string importId, CancellationToken cancellationToken);

    /// <summary>Reads one committed import's revenue lines in source order, a block (a Parquet row group) at a time, as the ledger's rules read them.</summary>
    /// <remarks>
    /// Unless <paramref name="everyValue"/>, what no rule reads may be left out: tax and row number then read as 0, and
    /// the quantity as 1 except on subscription snapshot lines.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The batch was never committed.</exception>
    IAsyncEnumerable<IReadOnlyList<RevenueLine>> ReadLinesAsync(
        TenantId tenant, string importId, CancellationToken cancellationToken, bool everyValue = false);
}
