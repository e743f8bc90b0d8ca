using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="IImportLog"/> on the <c>Imports</c> table (PK tenant, RK import id).</summary>
/// <remarks>The claim is an insert-only <c>AddEntity</c>: of two concurrent claims, exactly one gets 201, the other 409.</remarks>
internal sealed class TableImportLog(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : IImportLog
{
    private static readonly string[] PartitionKeyOnly = [nameof(ITableEntity.PartitionKey)];

    private readonly TableClient _table = tables.GetTableClient(options.Value.ImportsTable);

    public async Task<bool> TryAddAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        var entity = ToEntity(record);
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    public async Task SaveAsync(ImportRecord record, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);

    public async Task<ImportRecord?> FindAsync(TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var rowKey = TableStorageLimits.ValidateKey(importId, nameof(importId));
        var response = await _table.GetEntityIfExistsAsync<ImportEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToRecord() : null;
    }

    public async Task<IReadOnlyList<ImportRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var records = new List<ImportRecord>();
        await foreach (var entity in _table.QueryAsync<ImportEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(entity.ToRecord());
        }

        return records;
    }

    public async Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        var query = _table.QueryAsync<TableEntity>(filter: (string?)null, select: PartitionKeyOnly, cancellationToken: cancellationToken);
        await foreach (var entity in query)
        {
            tenants.Add(entity.PartitionKey);
        }

        return tenants.Select(TenantId.Parse).ToList();
    }

    private static ImportEntity ToEntity(ImportRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = ImportEntity.From(record);
        TableStorageLimits.ValidateEntity(entity);
        return entity;
    }
}
