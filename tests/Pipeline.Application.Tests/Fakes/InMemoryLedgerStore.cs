using System.Collections.Concurrent;
using Pipeline.Application.Ports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly ConcurrentDictionary<(TenantId, string), LedgerBatch> _batches = new();

    public int Writes { get; private set; }

    /// <summary>When set, the next write throws it once (a storage fault in the middle of an ingest).</summary>
    public Exception? FailNextWrite { get; set; }

    public int Count => _batches.Count;

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
}
