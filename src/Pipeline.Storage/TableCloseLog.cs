using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Closes;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="ICloseLog"/> on the <c>Closes</c> table (PK tenant; row keys in <see cref="CloseRowKeys"/>).</summary>
/// <remarks>
/// A new version is inserted with <c>AddEntity</c> (409 when it exists: another closer wrote it). The lease row is
/// taken with optimistic concurrency: inserted when absent (409 when someone else inserted it first), otherwise
/// replaced with If-Match on the ETag read once it has expired (412 when someone else replaced it first); renewing
/// and releasing are conditional on the ETag the holder got back.
/// </remarks>
internal sealed class TableCloseLog(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : ICloseLog
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.ClosesTable);

    public async Task<CloseRecord?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        var versions = await ListVersionsAsync(tenant, month, cancellationToken);
        return versions.Count > 0 ? versions[^1] : null;
    }

    public async Task<IReadOnlyList<CloseRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var records = await QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey lt {CloseRowKeys.RecordsEnd}"), cancellationToken);
        return records
            .GroupBy(record => record.Month)
            .Select(month => month.MaxBy(record => record.Version)!)
            .OrderBy(record => record.Month)
            .ToList();
    }

    public async Task<IReadOnlyList<CloseRecord>> ListVersionsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var records = await QueryAsync(
            TableClient.CreateQueryFilter(
                $"PartitionKey eq {partitionKey} and RowKey ge {month.ToString()} and RowKey lt {SnapshotRowKeys.AfterMonth(month)}"),
            cancellationToken);
        return records.OrderBy(record => record.Version).ToList();
    }

    public async Task SaveAsync(CloseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = CloseEntity.From(record);
        TableStorageLimits.ValidateEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> TryAddAsync(CloseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = CloseEntity.From(record);
        TableStorageLimits.ValidateEntity(entity);
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

    public async Task<CloseLease?> TryAcquireLeaseAsync(
        TenantId tenant, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var entity = new CloseLeaseEntity { PartitionKey = partitionKey, Holder = holder, ExpiresAt = now + duration, AcquiredAt = now };
        var existing = await _table.GetEntityIfExistsAsync<CloseLeaseEntity>(partitionKey, CloseRowKeys.Lease, cancellationToken: cancellationToken);
        try
        {
            if (!existing.HasValue)
            {
                return Lease(tenant, entity, await _table.AddEntityAsync(entity, cancellationToken));
            }

            var held = existing.Value!;
            if (held.ExpiresAt > now && !string.Equals(held.Holder, holder, StringComparison.Ordinal))
            {
                return null;
            }

            return Lease(tenant, entity, await _table.UpdateEntityAsync(entity, held.ETag, TableUpdateMode.Replace, cancellationToken));
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            // Another closer inserted, took over or released the lease between our read and our write.
            return null;
        }
    }

    public async Task<CloseLease?> TryRenewLeaseAsync(CloseLease lease, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var entity = new CloseLeaseEntity
        {
            PartitionKey = TableStorageLimits.ValidateKey(lease.Tenant.Value, nameof(lease)),
            Holder = lease.Holder,
            ExpiresAt = now + duration,
            AcquiredAt = lease.AcquiredAt,
        };
        try
        {
            return Lease(lease.Tenant, entity, await _table.UpdateEntityAsync(entity, new ETag(lease.ETag), TableUpdateMode.Replace, cancellationToken));
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task ReleaseLeaseAsync(CloseLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            await _table.DeleteEntityAsync(
                TableStorageLimits.ValidateKey(lease.Tenant.Value, nameof(lease)), CloseRowKeys.Lease, new ETag(lease.ETag), cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Someone else took the lease over after it expired: it is theirs now.
        }
    }

    public async Task<CloseLease?> FindLeaseAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var found = await _table.GetEntityIfExistsAsync<CloseLeaseEntity>(partitionKey, CloseRowKeys.Lease, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }

        var entity = found.Value!;
        return new CloseLease(tenant, entity.Holder, entity.ExpiresAt, entity.ETag.ToString(), entity.AcquiredAt ?? entity.Timestamp ?? entity.ExpiresAt);
    }

    public async Task<bool> TryBreakLeaseAsync(CloseLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            await _table.DeleteEntityAsync(
                TableStorageLimits.ValidateKey(lease.Tenant.Value, nameof(lease)), CloseRowKeys.Lease, new ETag(lease.ETag), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Released, renewed or taken over since it was read.
            return false;
        }
    }

    private static CloseLease Lease(TenantId tenant, CloseLeaseEntity entity, Response response) =>
        new(tenant, entity.Holder, entity.ExpiresAt,
            (response.Headers.ETag ?? throw new InvalidOperationException("Table Storage answered without an ETag.")).ToString(),
            entity.AcquiredAt ?? entity.ExpiresAt);

    private async Task<List<CloseRecord>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var records = new List<CloseRecord>();
        await foreach (var entity in _table.QueryAsync<CloseEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(entity.ToRecord());
        }

        return records;
    }
}
