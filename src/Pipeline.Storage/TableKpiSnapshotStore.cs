using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="IKpiSnapshotStore"/> on the <c>KpiSnapshots</c> table (PK tenant; row keys in <see cref="SnapshotRowKeys"/>, a key range per kind of row).</summary>
/// <remarks>
/// <para>
/// A provisional write never replaces a closed row, even when a close runs at the same moment: it reads the row,
/// gives up if it is closed, and otherwise writes conditionally (insert-only when there was no row, If-Match on
/// the ETag it read when there was); a lost race (409/412) re-reads and decides again. Every read of a month range is one
/// range query over the rows of one kind.
/// </para>
/// <para>
/// Segment rows and cohort cells are replaced a whole month at a time by <see cref="MonthRowsReplacement"/>, which
/// applies the same rule: a provisional write gives up when the month's headline row (or a row it would replace) is closed.
/// </para>
/// </remarks>
internal sealed class TableKpiSnapshotStore(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : IKpiSnapshotStore
{
    private const int MaxProvisionalAttempts = 10;

    /// <summary>The kinds of rows a month's write replaces besides its headline row: segment rows and cohort cells.</summary>
    private static readonly string[] Breakdowns = [SnapshotRowKeys.Segments, SnapshotRowKeys.Cohorts];

    private readonly TableClient _table = tables.GetTableClient(options.Value.KpiSnapshotsTable);

    /// <remarks>The month's row and the version's row are written in one entity-group transaction (they share the tenant's partition).</remarks>
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
    /// One read of the month (its headline row, segment rows and cohort cells together) and one entity-group transaction for up
    /// to 100 rows (<see cref="MonthRowsReplacement"/>), instead of a read and a write for each of the three.
    /// </remarks>
    public async Task<bool> WriteMonthAsync(
        TenantId tenant, KpiSnapshot snapshot, IReadOnlyList<SegmentKpis> segments, IReadOnlyList<CohortCell> cells,
        CancellationToken cancellationToken, bool monthAbsent = false)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(cells);
        var month = snapshot.Kpis.Month;
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var status = snapshot.Status == KpiStatus.Closed ? KpiStatus.Closed : KpiStatus.Provisional;
        var closed = status == KpiStatus.Closed;

        // A closed month always has its cohort row (empty when it has no cells), which replaces whatever cohort row the
        // month had and makes readers ignore cell rows of the earlier layout: only its segment rows are looked up to
        // delete the stale ones (one range query fewer per month a close locks).
        List<ITableEntity> rows =
        [
            .. segments.Select(segment => KpiSegmentEntity.From(partitionKey, status, snapshot.Version, snapshot.ComputedAt, InMonth(segment, month))),
            .. CohortRows(partitionKey, status, month, cells, evenEmpty: closed),
        ];
        if (closed)
        {
            var entity = ToEntity(tenant, snapshot, KpiStatus.Closed);
            var version = KpiVersionEntity.From(entity.PartitionKey, snapshot);
            TableStorageLimits.ValidateEntity(version);
            await MonthRowsReplacement.ReplaceClosedMonthAsync(
                _table, partitionKey, month, [version, entity], rows, [SnapshotRowKeys.Segments], cancellationToken);
            return true;
        }

        var headline = ToEntity(tenant, snapshot, KpiStatus.Provisional, KpiStatus.AwaitingData);
        return await MonthRowsReplacement.ReplaceOpenMonthAsync(_table, partitionKey, month, headline, rows, Breakdowns, cancellationToken, monthAbsent);
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
            $"PartitionKey eq {partitionKey} and RowKey ge {SnapshotRowKeys.From(SnapshotRowKeys.Versions, month)} and RowKey lt {SnapshotRowKeys.Before(SnapshotRowKeys.Versions, month)}");
        var versions = new List<KpiSnapshot>();
        await foreach (var entity in _table.QueryAsync<KpiVersionEntity>(filter, cancellationToken: cancellationToken))
        {
            versions.Add(entity.ToSnapshot());
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
        for (var attempt = 1; ; attempt++)
        {
            var actions = new List<TableTransactionAction>();
            foreach (var row in await MonthRowsReplacement.ReadMonthAsync(_table, partitionKey, month, Breakdowns, cancellationToken))
            {
                if (row.GetString("Status") != nameof(KpiStatus.Provisional))
                {
                    var update = new TableEntity(partitionKey, row.RowKey) { ["Status"] = nameof(KpiStatus.Provisional) };
                    if (!SnapshotRowKeys.IsCohort(row.RowKey))
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

    /// <remarks>One range query over the headline rows (<see cref="SnapshotRowKeys.Headlines"/>): no other row is read.</remarks>
    public async Task<IReadOnlyList<KpiSnapshot>> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var filter = RangeFilter(TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant)), SnapshotRowKeys.Headlines, from, to);
        var snapshots = new List<KpiSnapshot>();
        await foreach (var entity in _table.QueryAsync<KpiSnapshotEntity>(filter, cancellationToken: cancellationToken))
        {
            snapshots.Add(entity.ToSnapshot());
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
        return await MonthRowsReplacement.ReplaceAsync(_table, partitionKey, month, status, rows, [SnapshotRowKeys.Segments], cancellationToken);
    }

    /// <remarks>
    /// One range query over the tenant's segment rows (<see cref="SnapshotRowKeys.Segments"/>, keys from <paramref name="from"/> up
    /// to the month after <paramref name="to"/>), filtered by the service on the row's <c>Dimension</c>. The reserved dimension
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
        var filter = RangeFilter(partitionKey, SnapshotRowKeys.Segments, from, to)
            + " and " + TableClient.CreateQueryFilter($"Dimension eq {dimension}");
        var segments = new List<SegmentSnapshot>();
        await foreach (var entity in _table.QueryAsync<KpiSegmentEntity>(filter, cancellationToken: cancellationToken))
        {
            segments.Add(entity.ToSnapshot());
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
        var rows = CohortRows(partitionKey, status, month, cells);
        return await MonthRowsReplacement.ReplaceAsync(_table, partitionKey, month, status, rows, [SnapshotRowKeys.Cohorts], cancellationToken);
    }

    /// <remarks>
    /// One range query over the cohort rows: a month's row (<see cref="CohortMonthRow"/>) gives all its cells; cells written
    /// one row each before that layout are read as they are, except in a month that has its row already.
    /// </remarks>
    public async Task<IReadOnlyList<CohortCell>> ListCohortCellsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var partitionKey = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var filter = RangeFilter(partitionKey, SnapshotRowKeys.Cohorts, null, null);
        var cells = new List<CohortCell>();
        var single = new List<CohortCell>();
        var packed = new HashSet<BillingMonth>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (SnapshotRowKeys.IsCohortMonth(entity.RowKey))
            {
                cells.AddRange(CohortMonthRow.Cells(entity));
                packed.Add(BillingMonth.Parse(entity.RowKey[SnapshotRowKeys.Cohorts.Length..]));
            }
            else
            {
                single.Add(CohortCellEntity.Read(entity));
            }
        }

        cells.AddRange(single.Where(cell => !packed.Contains(cell.Month)));
        return cells.OrderBy(cell => cell.Month).ThenBy(cell => cell.Cohort).ToList();
    }

    /// <summary>The month's cohort row (none when it has no cells, unless <paramref name="evenEmpty"/>), validated against the service's limits.</summary>
    private static List<ITableEntity> CohortRows(
        string partitionKey, KpiStatus status, BillingMonth month, IReadOnlyList<CohortCell> cells, bool evenEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0 && !evenEmpty)
        {
            return [];
        }

        var row = CohortMonthRow.From(partitionKey, status, month, cells);
        TableStorageLimits.ValidateEntity(row);
        return [row];
    }

    /// <summary>The partition's rows of <paramref name="kind"/> from <paramref name="from"/> through <paramref name="to"/> (each optional): one key range.</summary>
    private static string RangeFilter(string partitionKey, string kind, BillingMonth? from, BillingMonth? to) =>
        TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {SnapshotRowKeys.From(kind, from)} and RowKey lt {SnapshotRowKeys.Before(kind, to)}");

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
