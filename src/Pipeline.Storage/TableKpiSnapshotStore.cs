using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="IKpiSnapshotStore"/> on the <c>KpiSnapshots</c> table (PK tenant; row keys in <see cref="SnapshotRowKeys"/>).</summary>
/// <remarks>
/// <para>
/// A provisional write never replaces a closed row, even when a close runs at the same moment: it reads the row,
/// gives up if it is closed, and otherwise writes conditionally (insert-only when there was no row, If-Match on
/// the ETag it read when there was); a lost race (409/412) re-reads and decides again. Row keys containing
/// <c>|</c> are segment rows and cohort cells, not months.
/// </para>
/// <para>
/// Segment rows and cohort cells are replaced a whole month at a time by <see cref="MonthRowsReplacement"/>, which
/// applies the same rule: a provisional write gives up when the month's headline row (or a row it would replace) is closed.
/// </para>
/// </remarks>
internal sealed class TableKpiSnapshotStore(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : IKpiSnapshotStore
{
    private const int MaxProvisionalAttempts = 10;

    private readonly TableClient _table = tables.GetTableClient(options.Value.KpiSnapshotsTable);

    /// <remarks>The month's row and the version's row are written in one entity-group transaction.</remarks>
    public async Task WriteClosedAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken)
    {
        var entity = ToEntity(tenant, snapshot, KpiStatus.Closed);
        var version = KpiVersionEntity.From(entity.PartitionKey, snapshot);
        TableStorageLimits.ValidateEntity(version);
        await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, version),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity),
            ],
            cancellationToken);
    }

    /// <remarks>
    /// One read of the month and one entity-group transaction for up to 100 rows (<see cref="MonthRowsReplacement"/>),
    /// instead of a read and a write for each of the headline row, the segment rows and the cohort cells.
    /// </remarks>
    public async Task<bool> WriteMonthAsync(
        TenantId tenant, KpiSnapshot snapshot, IReadOnlyList<SegmentKpis> segments, IReadOnlyList<CohortCell> cells,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(cells);
        var month = snapshot.Kpis.Month;
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var status = snapshot.Status == KpiStatus.Closed ? KpiStatus.Closed : KpiStatus.Provisional;
        List<ITableEntity> rows =
        [
            .. segments.Select(segment => KpiSegmentEntity.From(partitionKey, status, snapshot.Version, snapshot.ComputedAt, InMonth(segment, month))),
            .. cells.Select(cell => CohortCellEntity.From(partitionKey, status, InMonth(cell, month))),
        ];
        if (snapshot.Status == KpiStatus.Closed)
        {
            var entity = ToEntity(tenant, snapshot, KpiStatus.Closed);
            var version = KpiVersionEntity.From(entity.PartitionKey, snapshot);
            TableStorageLimits.ValidateEntity(version);
            await MonthRowsReplacement.ReplaceClosedMonthAsync(_table, partitionKey, month, [version, entity], rows, IsBreakdown, cancellationToken);
            return true;
        }

        var headline = ToEntity(tenant, snapshot, KpiStatus.Provisional, KpiStatus.AwaitingData);
        return await MonthRowsReplacement.ReplaceOpenMonthAsync(_table, partitionKey, month, headline, rows, IsBreakdown, cancellationToken);
    }

    public async Task<KpiSnapshot?> FindVersionAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        if (version < 1)
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<KpiVersionEntity>(
            partitionKey, SnapshotRowKeys.Version(month, version), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToSnapshot() : null;
    }

    public async Task<IReadOnlyList<KpiSnapshot>> ListVersionsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {SnapshotRowKeys.Version(month, 1)} and RowKey lt {SnapshotRowKeys.AfterMonth(month)}");
        var versions = new List<KpiSnapshot>();
        await foreach (var entity in _table.QueryAsync<KpiVersionEntity>(filter, cancellationToken: cancellationToken))
        {
            if (SnapshotRowKeys.IsVersion(entity.RowKey))
            {
                versions.Add(entity.ToSnapshot());
            }
        }

        return versions.OrderBy(snapshot => snapshot.Version).ToList();
    }

    /// <remarks>
    /// Merges <c>Status = Provisional</c> (and the next version on the headline and segment rows) into the month's
    /// current rows, in entity-group transactions; a row deleted meanwhile (404) makes it read the month again.
    /// </remarks>
    public async Task ReopenAsync(TenantId tenant, BillingMonth month, int nextVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nextVersion, 2);
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var headline = SnapshotRowKeys.Month(month);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {headline} and RowKey lt {SnapshotRowKeys.AfterMonth(month)}");
        for (var attempt = 1; ; attempt++)
        {
            var actions = new List<TableTransactionAction>();
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Status"], cancellationToken: cancellationToken))
            {
                var isCohort = SnapshotRowKeys.IsCohort(row.RowKey);
                if ((string.Equals(row.RowKey, headline, StringComparison.Ordinal) || SnapshotRowKeys.IsSegment(row.RowKey) || isCohort)
                    && row.GetString("Status") != nameof(KpiStatus.Provisional))
                {
                    var update = new TableEntity(partitionKey, row.RowKey) { ["Status"] = nameof(KpiStatus.Provisional) };
                    if (!isCohort)
                    {
                        update["Version"] = nextVersion;
                    }

                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, update, ETag.All));
                }
            }

            try
            {
                await TableStorageLimits.SubmitInBatchesAsync(_table, actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404 && attempt < MaxProvisionalAttempts)
            {
                // A row was replaced away between our read and our write: read the month again.
            }
        }
    }

    public async Task<bool> WriteProvisionalAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken)
    {
        var entity = ToEntity(tenant, snapshot, KpiStatus.Provisional, KpiStatus.AwaitingData);
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
        var response = await _table.GetEntityIfExistsAsync<KpiSnapshotEntity>(partitionKey, SnapshotRowKeys.Month(month), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToSnapshot() : null;
    }

    /// <remarks>
    /// Segment rows and cohort cells sort between the months. Only headline rows have a <c>BusinessTimeZone</c>,
    /// and the service drops rows without the property a filter compares, so it does not send them; rows whose
    /// key contains <c>|</c> are skipped here too, whatever their properties.
    /// </remarks>
    public async Task<IReadOnlyList<KpiSnapshot>> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var filter = RangeFilter(TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant)), from, to, includeBreakdowns: false)
            + " and " + TableClient.CreateQueryFilter($"BusinessTimeZone ge {string.Empty}");
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

    public async Task<bool> WriteSegmentsAsync(
        TenantId tenant, BillingMonth month, KpiStatus status, int version, DateTimeOffset computedAt,
        IReadOnlyList<SegmentKpis> segments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ValidateStatus(status);
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var rows = segments
            .Select(segment => (ITableEntity)KpiSegmentEntity.From(partitionKey, status, version, computedAt, InMonth(segment, month)))
            .ToList();
        return await MonthRowsReplacement.ReplaceAsync(_table, partitionKey, month, status, rows, SnapshotRowKeys.IsSegment, cancellationToken);
    }

    /// <remarks>
    /// One range query over the tenant's partition (row keys from <paramref name="from"/> up to the month after
    /// <paramref name="to"/>), filtered by the service on the row's <c>Dimension</c>. The reserved dimension
    /// <c>cohort</c> has no segment rows.
    /// </remarks>
    public async Task<IReadOnlyList<SegmentSnapshot>> ListSegmentsAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(dimension);
        if (SnapshotRowKeys.IsCohortDimension(dimension))
        {
            return [];
        }

        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var filter = RangeFilter(partitionKey, from, to, includeBreakdowns: true)
            + " and " + TableClient.CreateQueryFilter($"Dimension eq {dimension}");
        var segments = new List<SegmentSnapshot>();
        await foreach (var entity in _table.QueryAsync<KpiSegmentEntity>(filter, cancellationToken: cancellationToken))
        {
            if (SnapshotRowKeys.IsSegment(entity.RowKey))
            {
                segments.Add(entity.ToSnapshot());
            }
        }

        return segments
            .OrderBy(segment => segment.Segment.Kpis.Month)
            .ThenBy(segment => segment.Segment.Value, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<bool> WriteCohortCellsAsync(
        TenantId tenant, BillingMonth month, KpiStatus status, IReadOnlyList<CohortCell> cells, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ValidateStatus(status);
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var rows = cells
            .Select(cell => (ITableEntity)CohortCellEntity.From(partitionKey, status, InMonth(cell, month)))
            .ToList();
        return await MonthRowsReplacement.ReplaceAsync(_table, partitionKey, month, status, rows, SnapshotRowKeys.IsCohort, cancellationToken);
    }

    public async Task<IReadOnlyList<CohortCell>> ListCohortCellsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and Dimension eq {SnapshotRowKeys.CohortDimension}");
        var cells = new List<CohortCell>();
        await foreach (var entity in _table.QueryAsync<CohortCellEntity>(filter, cancellationToken: cancellationToken))
        {
            if (SnapshotRowKeys.IsCohort(entity.RowKey))
            {
                cells.Add(entity.ToCell());
            }
        }

        return cells.OrderBy(cell => cell.Month).ThenBy(cell => cell.Cohort).ToList();
    }

    /// <summary>The partition's rows from <paramref name="from"/> to <paramref name="to"/>, with or without the last month's breakdown rows.</summary>
    private static string RangeFilter(string partitionKey, BillingMonth? from, BillingMonth? to, bool includeBreakdowns)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        if (from is { } first)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {SnapshotRowKeys.Month(first)}");
        }

        if (to is { } last)
        {
            // Breakdown rows of the last month ("yyyy-MM|…") sort after its headline row and before the next month's.
            filter += " and " + (includeBreakdowns
                ? TableClient.CreateQueryFilter($"RowKey lt {SnapshotRowKeys.AfterMonth(last)}")
                : TableClient.CreateQueryFilter($"RowKey le {SnapshotRowKeys.Month(last)}"));
        }

        return filter;
    }

    /// <summary>Whether a row key is a segment row or a cohort cell: the rows a month's write replaces besides its headline row.</summary>
    private static bool IsBreakdown(string rowKey) => SnapshotRowKeys.IsSegment(rowKey) || SnapshotRowKeys.IsCohort(rowKey);

    private static void ValidateStatus(KpiStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Not a KPI status.");
        }
    }

    private static SegmentKpis InMonth(SegmentKpis segment, BillingMonth month) =>
        segment.Kpis.Month == month
            ? segment
            : throw new ArgumentException($"Segment {segment.Dimension}={segment.Value} is of {segment.Kpis.Month}, not {month}.", nameof(segment));

    private static CohortCell InMonth(CohortCell cell, BillingMonth month) =>
        cell.Month == month
            ? cell
            : throw new ArgumentException($"Cohort cell {cell.Cohort} is seen at {cell.Month}, not {month}.", nameof(cell));

    private static KpiSnapshotEntity ToEntity(TenantId tenant, KpiSnapshot snapshot, params KpiStatus[] expected)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!expected.Contains(snapshot.Status))
        {
            throw new ArgumentException(
                $"Expected a {string.Join(" or ", expected)} snapshot, got a {snapshot.Status} one for {snapshot.Kpis.Month}.", nameof(snapshot));
        }

        var entity = KpiSnapshotEntity.From(TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant)), snapshot);
        TableStorageLimits.ValidateEntity(entity);
        return entity;
    }
}
