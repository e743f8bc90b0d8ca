using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Closes;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="ICloseAuditLog"/> on the <c>CloseAudit</c> table (PK tenant, RK in <see cref="CloseAuditEntity"/>).</summary>
/// <remarks>Entries are upserted: the same entry written twice (a retried write) stays one row.</remarks>
internal sealed class TableCloseAuditLog(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : ICloseAuditLog
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.CloseAuditTable);

    public async Task AppendAsync(CloseAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Kind);
        TableStorageLimits.ValidateKey(entry.Tenant.Value, nameof(entry));
        var entity = CloseAuditEntity.From(entry);
        TableStorageLimits.ValidateEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<CloseAuditEntry>> ListAsync(TenantId tenant, BillingMonth? month, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var filter = month is { } only
            ? TableClient.CreateQueryFilter(
                $"PartitionKey eq {partitionKey} and RowKey ge {only.ToString()} and RowKey lt {SnapshotRowKeys.AfterMonth(only)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var entries = new List<CloseAuditEntry>();
        await foreach (var entity in _table.QueryAsync<CloseAuditEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(entity.ToEntry());
        }

        return entries;
    }
}
