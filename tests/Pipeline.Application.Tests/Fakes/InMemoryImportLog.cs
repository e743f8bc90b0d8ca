using System.Collections.Concurrent;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryImportLog : IImportLog
{
    private readonly ConcurrentDictionary<(TenantId, string), ImportRecord> _records = new();

    public IReadOnlyList<ImportRecord> All => _records.Values.ToList();

    /// <summary>When set, the next save of a record with this status throws once (a fault as the import is recorded).</summary>
    public ImportStatus? FailNextSaveOf { get; set; }

    public Task<bool> TryAddAsync(ImportRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryAdd((record.Tenant, record.ImportId), record));

    public Task SaveAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        if (FailNextSaveOf == record.Status)
        {
            FailNextSaveOf = null;
            throw new IOException($"Injected storage fault while saving import {record.ImportId}.");
        }

        _records[(record.Tenant, record.ImportId)] = record;
        return Task.CompletedTask;
    }

    public Task<ImportRecord?> FindAsync(TenantId tenant, string importId, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault((tenant, importId)));

    public Task<IReadOnlyList<ImportRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ImportRecord>>(_records.Values.Where(record => record.Tenant == tenant).ToList());

    public Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TenantId>>(_records.Keys.Select(key => key.Item1).Distinct().ToList());
}
