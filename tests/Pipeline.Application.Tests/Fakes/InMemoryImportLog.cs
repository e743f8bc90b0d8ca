using System.Collections.Concurrent;
using System.Globalization;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

/// <summary>The <c>Imports</c> table in memory, with an ETag per row like Table Storage (conditional replaces answer null on a stale ETag).</summary>
public sealed class InMemoryImportLog : IImportLog
{
    private readonly ConcurrentDictionary<(TenantId, string), ImportRecord> _records = new();
    private readonly ConcurrentDictionary<(TenantId, string), string> _etags = new();
    private readonly Lock _writeLock = new();
    private int _etag;

    public IReadOnlyList<ImportRecord> All => _records.Values.ToList();

    /// <summary>When set, the next save of a record with this status throws once (a fault as the import is recorded).</summary>
    public ImportStatus? FailNextSaveOf { get; set; }

    /// <summary>Conditional replaces that found the row changed by another run (a lost or taken-over claim).</summary>
    public int StaleReplaces { get; private set; }

    public async Task<bool> TryAddAsync(ImportRecord record, CancellationToken cancellationToken) =>
        await TryClaimAsync(record, cancellationToken) is not null;

    public Task<string?> TryClaimAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            var key = (record.Tenant, record.ImportId);
            return Task.FromResult(_records.TryAdd(key, record) ? _etags[key] = NextETag() : null);
        }
    }

    public Task SaveAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        FailIfInjected(record);
        lock (_writeLock)
        {
            _records[(record.Tenant, record.ImportId)] = record;
            _etags[(record.Tenant, record.ImportId)] = NextETag();
        }

        return Task.CompletedTask;
    }

    public Task<string?> TryReplaceAsync(ImportRecord record, string etag, CancellationToken cancellationToken)
    {
        FailIfInjected(record);
        lock (_writeLock)
        {
            var key = (record.Tenant, record.ImportId);
            if (!_etags.TryGetValue(key, out var current) || current != etag)
            {
                StaleReplaces++;
                return Task.FromResult<string?>(null);
            }

            _records[key] = record;
            return Task.FromResult<string?>(_etags[key] = NextETag());
        }
    }

    public Task<ImportRecordVersion?> FindVersionAsync(TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            return Task.FromResult(_records.TryGetValue((tenant, importId), out var record)
                ? new ImportRecordVersion(record, _etags[(tenant, importId)])
                : null);
        }
    }

    private void FailIfInjected(ImportRecord record)
    {
        if (FailNextSaveOf == record.Status)
        {
            FailNextSaveOf = null;
            throw new IOException($"Injected storage fault while saving import {record.ImportId}.");
        }
    }

    private string NextETag() => string.Create(CultureInfo.InvariantCulture, $"W/\"{Interlocked.Increment(ref _etag)}\"");

    public Task<ImportRecord?> FindAsync(TenantId tenant, string importId, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault((tenant, importId)));

    public Task<IReadOnlyList<ImportRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ImportRecord>>(_records.Values.Where(record => record.Tenant == tenant).ToList());

    public Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TenantId>>(_records.Keys.Select(key => key.Item1).Distinct().ToList());
}
