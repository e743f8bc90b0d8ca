using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>
/// Moves a tenant's <c>KpiSnapshots</c> rows from the layout without kind prefixes (<c>yyyy-MM</c>, <c>yyyy-MM|…</c>) to the
/// one of <see cref="SnapshotRowKeys"/> (<c>kpi|…</c>, <c>seg|…</c>, <c>coh|…</c>, <c>ver|…</c>), in the same partition.
/// </summary>
/// <remarks>
/// <para>
/// Three steps, each safe to interrupt: (1) copy every old row to its new key, insert-only, with the values it has; (2) read
/// the new rows back and check that every old row has its counterpart; (3) only then delete the old rows, each If-Match on
/// the ETag it was read with, and renew the tenant's change stamp so every host reads the moved rows. A crash before (3)
/// leaves both copies (the readers only see the new one); the next run copies what is missing and deletes.
/// </para>
/// <para>
/// A month whose headline row the current layout already has was written since (a close, a reopen or a refresh wrote its
/// headline row, segment rows and cohort cells together), so its old headline row, segment rows and cohort cells are
/// superseded, not copied. For the same reason the copy writes the old headline rows last: a run that stops half way never
/// leaves a month that looks written by the current layout with only part of its rows. Version rows never change and are
/// copied unless their key exists.
/// </para>
/// </remarks>
internal sealed class TableKpiSnapshotMigration(
    TableServiceClient tables, TableKpiChangeStamps stamps, IOptions<PipelineStorageOptions> options) : IKpiSnapshotMigration
{
    /// <summary>Every key of the earlier layout starts with a digit (a year): the keys from <c>0</c> to before <c>:</c>.</summary>
    private const string LegacyFrom = "0";

    private const string LegacyBefore = ":";

    private static readonly HashSet<string> SystemProperties =
        new(["PartitionKey", "RowKey", "Timestamp", "odata.etag"], StringComparer.Ordinal);

    private readonly TableClient _table = tables.GetTableClient(options.Value.KpiSnapshotsTable);

    public async Task<IReadOnlyList<TenantId>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {LegacyFrom} and RowKey lt {LegacyBefore}");
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (SnapshotRowKeys.LegacyKind(row.RowKey) is not null)
            {
                tenants.Add(row.PartitionKey);
            }
        }

        return [.. tenants.Select(key => TenantId.TryParse(key, out var tenant) ? tenant : (TenantId?)null).OfType<TenantId>()];
    }

    public async Task<KpiSnapshotMigrationResult> MigrateAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var legacy = (await QueryAsync(partitionKey, LegacyFrom, LegacyBefore, cancellationToken))
            .Where(row => SnapshotRowKeys.LegacyKind(row.RowKey) is not null)
            .ToList();
        if (legacy.Count == 0)
        {
            return new KpiSnapshotMigrationResult(tenant, 0, 0, 0, 0);
        }

        var current = await CurrentRowsAsync(partitionKey, cancellationToken);
        var written = current.Keys.Where(key => key.StartsWith(SnapshotRowKeys.Headlines, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var copies = new List<TableEntity>();
        var superseded = 0;
        foreach (var row in legacy.OrderBy(row => SnapshotRowKeys.LegacyKind(row.RowKey) == SnapshotRowKeys.Headlines ? 1 : 0))
        {
            var key = SnapshotRowKeys.FromLegacy(row.RowKey)!;
            if (current.ContainsKey(key) || (!SnapshotRowKeys.IsVersion(key) && written.Contains(HeadlineOf(key))))
            {
                superseded++;
            }
            else
            {
                copies.Add(Copy(row, key));
            }
        }

        var copied = await CopyAsync(copies, cancellationToken);
        superseded += copies.Count - copied;
        current = await CurrentRowsAsync(partitionKey, cancellationToken);
        if (Unverified(legacy, copies, current) is { } problem)
        {
            return new KpiSnapshotMigrationResult(tenant, legacy.Count, copied, superseded, 0, problem);
        }

        var deleted = await DeleteAsync(legacy, cancellationToken);
        await stamps.ChangeAsync(tenant, cancellationToken);
        return new KpiSnapshotMigrationResult(
            tenant, legacy.Count, copied, superseded, deleted,
            deleted == legacy.Count ? null : $"{legacy.Count - deleted} old rows changed or vanished while they were moved; run the migration again");
    }

    /// <summary>Why the copy cannot be trusted yet (an old row without its counterpart, or one whose values differ), or null.</summary>
    private static string? Unverified(List<TableEntity> legacy, List<TableEntity> copies, Dictionary<string, TableEntity> current)
    {
        var copied = copies.Select(copy => copy.RowKey).ToHashSet(StringComparer.Ordinal);
        foreach (var row in legacy)
        {
            var key = SnapshotRowKeys.FromLegacy(row.RowKey)!;
            var superseded = !copied.Contains(key) && !SnapshotRowKeys.IsVersion(key) && !current.ContainsKey(key);
            var counterpart = superseded ? HeadlineOf(key) : key;
            if (!current.ContainsKey(counterpart))
            {
                return $"row {row.RowKey} has no counterpart {counterpart} after the copy; nothing was deleted";
            }
        }

        foreach (var copy in copies)
        {
            var stored = current[copy.RowKey];
            if (copy.Any(pair => !SameValue(pair.Value, stored.TryGetValue(pair.Key, out var value) ? value : null)))
            {
                return $"row {copy.RowKey} does not read back with the values it was copied with (written again since?); nothing was deleted";
            }
        }

        return null;
    }

    private static bool SameValue(object? expected, object? actual) => (expected, actual) switch
    {
        (byte[] left, byte[] right) => left.AsSpan().SequenceEqual(right),
        (BinaryData left, BinaryData right) => left.ToMemory().Span.SequenceEqual(right.ToMemory().Span),
        _ => Equals(expected, actual),
    };

    /// <summary>Inserts the copies in entity-group transactions; a transaction that meets a row written meanwhile goes row by row.</summary>
    /// <returns>How many copies were inserted (a row written meanwhile is left as it is).</returns>
    private async Task<int> CopyAsync(List<TableEntity> copies, CancellationToken cancellationToken)
    {
        var inserted = 0;
        foreach (var batch in TableStorageLimits.SplitIntoBatches(copies.Select(copy => new TableTransactionAction(TableTransactionActionType.Add, copy))))
        {
            try
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken);
                inserted += batch.Count;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 409)
            {
                foreach (var action in batch)
                {
                    try
                    {
                        await _table.AddEntityAsync(action.Entity, cancellationToken);
                        inserted++;
                    }
                    catch (RequestFailedException conflict) when (conflict.Status == 409)
                    {
                        // Written in the current layout meanwhile: that row is the newer one.
                    }
                }
            }
        }

        return inserted;
    }

    /// <summary>Deletes the old rows as they were read (If-Match); a transaction that fails leaves its rows for the next run.</summary>
    private async Task<int> DeleteAsync(List<TableEntity> legacy, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var batch in TableStorageLimits.SplitIntoBatches(legacy.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag))))
        {
            try
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken);
                deleted += batch.Count;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 412)
            {
                // A row changed or vanished since it was read: left to the next run, which reads it again.
            }
        }

        return deleted;
    }

    private async Task<Dictionary<string, TableEntity>> CurrentRowsAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var kind in new[] { SnapshotRowKeys.Headlines, SnapshotRowKeys.Segments, SnapshotRowKeys.Cohorts, SnapshotRowKeys.Versions })
        {
            foreach (var row in await QueryAsync(partitionKey, SnapshotRowKeys.From(kind, null), SnapshotRowKeys.Before(kind, null), cancellationToken))
            {
                rows[row.RowKey] = row;
            }
        }

        return rows;
    }

    private async Task<List<TableEntity>> QueryAsync(string partitionKey, string from, string before, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {from} and RowKey lt {before}");
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static string HeadlineOf(string key) => SnapshotRowKeys.Month(SnapshotRowKeys.MonthOf(key));

    private static TableEntity Copy(TableEntity row, string key)
    {
        var copy = new TableEntity(row.PartitionKey, key);
        foreach (var (name, value) in row)
        {
            if (!SystemProperties.Contains(name))
            {
                copy[name] = value;
            }
        }

        return copy;
    }
}
