using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Closes;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="ICloseLog"/> on the <c>Closes</c> table (PK tenant, RK <c>yyyy-MM</c>).</summary>
internal sealed class TableCloseLog(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : ICloseLog
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.ClosesTable);

    public async Task<CloseRecord?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var response = await _table.GetEntityIfExistsAsync<CloseEntity>(partitionKey, month.ToString(), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToRecord() : null;
    }

    public async Task<IReadOnlyList<CloseRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var records = new List<CloseRecord>();
        await foreach (var entity in _table.QueryAsync<CloseEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(entity.ToRecord());
        }

        return records.OrderBy(record => record.Month).ToList();
    }

    public async Task SaveAsync(CloseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = CloseEntity.From(record);
        TableStorageLimits.ValidateEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
