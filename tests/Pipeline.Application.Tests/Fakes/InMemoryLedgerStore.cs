using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Pipeline.Application.Ledger;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly ConcurrentDictionary<(TenantId, string), LedgerBatch> _batches = new();

    /// <summary>Committed batches (streamed or whole).</summary>
    public int Writes { get; private set; }

    /// <summary>When set, the next commit throws it once (a storage fault in the middle of an ingest).</summary>
    public Exception? FailNextWrite { get; set; }

    /// <summary>When set, the line chunk with this number (1-based, counted over all writers) throws <see cref="IOException"/> once.</summary>
    public int? FailOnLineChunk { get; set; }

    /// <summary>
    /// When set, streaming lines of this tenant hangs until the ingest is cancelled: a run that never finishes, as when
    /// the host dies (runs out of memory, is stopped) in the middle of a file.
    /// </summary>
    public TenantId? HangTenant { get; set; }

    /// <summary>Completed each time a write starts hanging for <see cref="HangTenant"/>; replace it to wait for the next.</summary>
    public TaskCompletionSource Hung { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many lines each <see cref="ILedgerBatchWriter.WriteLinesAsync"/> call handed over, in order.</summary>
    public ConcurrentQueue<int> LineChunks { get; } = new();

    /// <summary>Writers disposed without a commit (refused files, failures).</summary>
    public int Abandoned { get; private set; }

    public int Count => _batches.Count;

    /// <summary>How many times a batch's lines were read (<see cref="ReadLinesAsync"/>).</summary>
    public int LineReads { get; private set; }

    public ILedgerBatchWriter BeginWrite(TenantId tenant, string importId) => new Writer(this, tenant, importId);

    public Task WriteAsync(TenantId tenant, string importId, LedgerBatch batch, CancellationToken cancellationToken)
    {
        if (FailNextWrite is { } fault)
        {
            FailNextWrite = null;
            throw fault;
        }

        Writes++;
        _batches[(tenant, importId)] = batch;
        return Task.CompletedTask;
    }

    public Task<LedgerBatch?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken) =>
        Task.FromResult(_batches.GetValueOrDefault((tenant, importId)));

    public Task<LedgerBatch?> ReadWithoutLinesAsync(TenantId tenant, string importId, CancellationToken cancellationToken) =>
        Task.FromResult(_batches.GetValueOrDefault((tenant, importId)) is { } batch ? batch with { Lines = [] } : null);

    /// <summary>The lines in blocks of at most 1,000, as the blob store hands them over a row group at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyList<RevenueLine>> ReadLinesAsync(
        TenantId tenant, string importId, [EnumeratorCancellation] CancellationToken cancellationToken, bool everyValue = false)
    {
        var batch = _batches.GetValueOrDefault((tenant, importId))
            ?? throw new InvalidOperationException($"The ledger batch of import {importId} of tenant {tenant} is missing.");
        LineReads++;
        await Task.Yield();
        foreach (var block in batch.Lines.Chunk(1_000))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return block;
        }
    }

    /// <summary>Keeps the streamed lines and stores them with the rest at the commit, as the blob store makes them visible.</summary>
    private sealed class Writer(InMemoryLedgerStore store, TenantId tenant, string importId) : ILedgerBatchWriter
    {
        private readonly List<RevenueLine> _lines = [];
        private readonly List<CustomerRecord> _customers = [];
        private bool _committed;

        public async Task WriteLinesAsync(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken)
        {
            if (store.HangTenant == tenant)
            {
                store.Hung.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (store.FailOnLineChunk == store.LineChunks.Count + 1)
            {
                store.FailOnLineChunk = null;
                throw new IOException("injected fault while streaming lines");
            }

            store.LineChunks.Enqueue(lines.Count);
            _lines.AddRange(lines);
        }

        public Task WriteCustomersAsync(IReadOnlyList<CustomerRecord> customers, CancellationToken cancellationToken)
        {
            _customers.AddRange(customers);
            return Task.CompletedTask;
        }

        public async Task CommitAsync(LedgerBatch rest, CancellationToken cancellationToken)
        {
            await store.WriteAsync(
                tenant, importId, rest with { Lines = [.. _lines, .. rest.Lines], Customers = [.. _customers, .. rest.Customers] }, cancellationToken);
            _committed = true;
        }

        public ValueTask DisposeAsync()
        {
            store.Abandoned += _committed ? 0 : 1;
            return ValueTask.CompletedTask;
        }
    }
}
