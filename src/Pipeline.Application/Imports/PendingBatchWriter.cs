using Pipeline.Application.Ledger;
using Pipeline.Domain;

namespace Pipeline.Application.Imports;

/// <summary>An import's ledger batch writer that also hands the lines to the tenant's <see cref="PendingLedger"/>.</summary>
/// <remarks>The provisional refresh that finishes the import then starts from the lines as parsed instead of reading the batch back.</remarks>
internal sealed class PendingBatchWriter(ILedgerBatchWriter batch, PendingLedger pending) : ILedgerBatchWriter
{
    /// <summary>The ledger of the tenant with the lines written so far.</summary>
    public PendingLedger Pending => pending;

    public async Task WriteLinesAsync(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken)
    {
        await batch.WriteLinesAsync(lines, cancellationToken);
        await pending.AddAsync(lines, cancellationToken);
    }

    public Task WriteCustomersAsync(IReadOnlyList<CustomerRecord> customers, CancellationToken cancellationToken) =>
        batch.WriteCustomersAsync(customers, cancellationToken);

    public Task CommitAsync(LedgerBatch rest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rest);
        return rest.Lines.Count == 0
            ? batch.CommitAsync(rest, cancellationToken)
            : CommitWithLinesAsync(rest, cancellationToken);
    }

    public ValueTask DisposeAsync() => batch.DisposeAsync();

    private async Task CommitWithLinesAsync(LedgerBatch rest, CancellationToken cancellationToken)
    {
        await pending.AddAsync(rest.Lines, cancellationToken);
        await batch.CommitAsync(rest, cancellationToken);
    }
}
