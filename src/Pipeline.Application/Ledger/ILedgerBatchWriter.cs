using Pipeline.Domain;

namespace Pipeline.Application.Ledger;

/// <summary>One import's ledger batch being written: revenue lines and customer records as they are parsed, the other records at the end.</summary>
/// <remarks>
/// Nothing is visible to <see cref="ILedgerStore.ReadAsync"/> until <see cref="CommitAsync"/> has finished: a writer
/// disposed without a commit (a refused file, a crash, a failed write) leaves no batch, and an earlier complete batch
/// of the same import stays as it was. Writing the same import again converges on the same batch.
/// </remarks>
public interface ILedgerBatchWriter : IAsyncDisposable
{
    /// <summary>Appends lines after those written before (the blob store gathers them into Parquet row groups).</summary>
    /// <remarks>The writer has copied what it needs when the task completes: the caller may drop or reuse the list.</remarks>
    Task WriteLinesAsync(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken);

    /// <summary>Appends customer records after those written before (a customer may have several: later ones update earlier ones, field by field).</summary>
    /// <remarks>The writer has copied what it needs when the task completes: the caller may drop or reuse the list.</remarks>
    Task WriteCustomersAsync(IReadOnlyList<CustomerRecord> customers, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="rest"/>'s lines and customers, writes its other records (customers, spend, rates, movements, documents),
    /// then makes the batch visible as a whole. Call once.
    /// </summary>
    Task CommitAsync(LedgerBatch rest, CancellationToken cancellationToken);
}
