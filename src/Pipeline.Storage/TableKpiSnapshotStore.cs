using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="IKpiSnapshotStore"/> on the <c>KpiSnapshots</c> table (PK tenant, RK <c>yyyy-MM</c>).</summary>
/// <remarks>
/// A provisional write never replaces a closed row, even when a close runs at the same moment: it reads the row,
/// gives up if it is closed, and otherwise writes conditionally (insert-only when there was no row, If-Match on
/// the ETag it read when there was); a lost race (409/412) re-reads and decides again. Row keys containing
/// <c>|</c> are reserved for segment and channel rows and are not months.
/// </remarks>
internal sealed class TableKpiSnapshotStore(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : IKpiSnapshotStore
{
    private const int MaxProvisionalAttempts = 10;

    private readonly TableClient _table = tables.GetTableClient(options.Value.KpiSnapshotsTable);

    public async Task WriteClosedAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken)
    {
        var entity = ToEntity(tenant, snapshot, KpiStatus.Closed);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> WriteProvisionalAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken)
    {
        var entity = ToEntity(tenant, snapshot, KpiStatus.Provisional);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<KpiSnapshotEntity>(
                entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            if (existing.HasValue && existing.Value!.Status == nameof(KpiStatus.Closed))
            {
                return false;
            }

            try
            {
                await (existing.HasValue
                    ? _table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : _table.AddEntityAsync(entity, cancellationToken));
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxProvisionalAttempts)
            {
                // Someone wrote the row between our read and our write: read it again.
            }
        }
    }

    public async Task<KpiSnapshot?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var response = await _table.GetEntityIfExistsAsync<KpiSnapshotEntity>(partitionKey, month.ToString(), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToSnapshot() : null;
    }

    public async Task<IReadOnlyList<KpiSnapshot>> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var filter = RangeFilter(TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant)), from, to);
        var snapshots = new List<KpiSnapshot>();
        await foreach (var entity in _table.QueryAsync<KpiSnapshotEntity>(filter, cancellationToken: cancellationToken))
        {
            if (!entity.RowKey.Contains('|', StringComparison.Ordinal))
            {
                snapshots.Add(entity.ToSnapshot());
            }
        }

        return snapshots.OrderBy(snapshot => snapshot.Kpis.Month).ToList();
    }

    private static string RangeFilter(string partitionKey, BillingMonth? from, BillingMonth? to)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        if (from is { } first)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {first.ToString()}");
        }

        if (to is { } last)
        {
            // Segment rows of the last month ("yyyy-MM|…") sort after it and are skipped by the caller anyway.
            filter += " and " + TableClient.CreateQueryFilter($"RowKey le {last.ToString()}");
        }

        return filter;
    }

    private static KpiSnapshotEntity ToEntity(TenantId tenant, KpiSnapshot snapshot, KpiStatus expected)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Status != expected)
        {
            throw new ArgumentException($"Expected a {expected} snapshot, got a {snapshot.Status} one for {snapshot.Kpis.Month}.", nameof(snapshot));
        }

        var entity = KpiSnapshotEntity.From(TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant)), snapshot);
        TableStorageLimits.ValidateEntity(entity);
        return entity;
    }
}
