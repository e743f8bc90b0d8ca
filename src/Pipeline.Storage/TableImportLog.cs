using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="IImportLog"/> on the <c>Imports</c> table (PK tenant, RK import id).</summary>
/// <remarks>
/// The claim is an insert-only <c>AddEntity</c>: of two concurrent claims, exactly one gets 201, the other 409. Taking a
/// claim over, renewing it and finishing it are <c>UpdateEntity</c> with If-Match on the ETag the run last saw: of two
/// runs, only the first write succeeds and the other gets 412.
/// </remarks>
internal sealed class TableImportLog(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : IImportLog
{
    private static readonly string[] PartitionKeyOnly = [nameof(ITableEntity.PartitionKey)];

    private readonly TableClient _table = tables.GetTableClient(options.Value.ImportsTable);

    public async Task<bool> TryAddAsync(ImportRecord record, CancellationToken cancellationToken) =>
        await TryClaimAsync(record, cancellationToken) is not null;

    public async Task<string?> TryClaimAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        var entity = ToEntity(record);
        try
        {
            return ETagOf(await _table.AddEntityAsync(entity, cancellationToken));
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }
    }

    public async Task<string?> TryReplaceAsync(ImportRecord record, string etag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        var entity = ToEntity(record);
        try
        {
            return ETagOf(await _table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken));
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Another run changed the row since this one read it, or it is gone.
            return null;
        }
    }

    public async Task<ImportRecordVersion?> FindVersionAsync(TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var rowKey = TableStorageLimits.ValidateKey(importId, nameof(importId));
        var response = await _table.GetEntityIfExistsAsync<ImportEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? new ImportRecordVersion(response.Value!.ToRecord(), response.Value!.ETag.ToString()) : null;
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

    private static string ETagOf(Response response) =>
        (response.Headers.ETag ?? throw new InvalidOperationException("Table Storage answered without an ETag.")).ToString();

    private static ImportEntity ToEntity(ImportRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = ImportEntity.From(record);
        TableStorageLimits.ValidateEntity(entity);
        return entity;
    }
}
