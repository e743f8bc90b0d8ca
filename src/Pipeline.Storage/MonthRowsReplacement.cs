using Azure;
using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>Replaces every row of some kinds (segment rows, cohort cells, or both) of one month in the <c>KpiSnapshots</c> table.</summary>
/// <remarks>
/// <para>
/// Reads the keys, statuses and ETags of the month's headline row and of its rows of those kinds (a point read and one
/// range query per kind, together, <see cref="SnapshotRowKeys"/>), then
/// writes the given rows and deletes the month's other rows of that kind, in entity-group transactions of at most
/// 100 operations (<see cref="TableStorageLimits.SubmitInBatchesAsync"/>): writes first, deletes last, so an
/// interrupted replace leaves stale rows rather than missing ones, and the next replace removes them.
/// </para>
/// <para>
/// A provisional replace gives up (returns false) when the month's headline row or any of its rows of that kind
/// is closed. Its operations are conditional on what it read (insert-only for new keys, If-Match on the ETag for
/// existing ones), and every transaction also carries a no-op merge of the headline row If-Match on the ETag read
/// just before (a guard: transactions cannot read), so a close that lands between the read and a transaction makes
/// the transaction fail (409/412) and the replace reads and decides again. Closes write the headline row before
/// the segment rows and cohort cells: a provisional transaction that committed earlier is then seen and replaced
/// by the close's own replace, and one after it fails on the guard, so a closed month never keeps provisional rows
/// (even rows with keys the close does not write, which no other condition would catch). A closed replace overwrites unconditionally; a row it meant to delete
/// that someone else deleted first (404) also makes it read again. Several transactions are not atomic together:
/// readers may see a month half replaced while it is written.
/// </para>
/// </remarks>
internal static class MonthRowsReplacement
{
    private const int MaxAttempts = 10;

    private static readonly string[] ReadColumns = [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey), "Status"];

    /// <summary>Writes <paramref name="rows"/> and deletes the month's other rows of <paramref name="kinds"/> (key prefixes of <see cref="SnapshotRowKeys"/>).</summary>
    /// <returns>False, writing nothing, when a provisional replace meets a closed month.</returns>
    public static async Task<bool> ReplaceAsync(
        TableClient table,
        string partitionKey,
        BillingMonth month,
        KpiStatus status,
        IReadOnlyList<ITableEntity> rows,
        IReadOnlyList<string> kinds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        RejectDuplicateKeys(rows);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await ReadMonthAsync(table, partitionKey, month, kinds, cancellationToken);
            if (status == KpiStatus.Provisional && IsClosed(existing, month, kinds))
            {
                return false;
            }

            try
            {
                var plan = Plan(rows, existing, kinds, status);
                var headline = existing.Find(row => string.Equals(row.RowKey, SnapshotRowKeys.Month(month), StringComparison.Ordinal));
                if (status == KpiStatus.Closed || headline is null)
                {
                    await TableStorageLimits.SubmitInBatchesAsync(table, plan, cancellationToken);
                    return true;
                }

                if (await SubmitGuardedAsync(table, plan, headline, cancellationToken))
                {
                    return true;
                }
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // Another writer changed the month's rows between our read and our write: read them again.
            }
        }
    }

    /// <summary>
    /// Writes an open month's headline row with its segment rows and cohort cells (<paramref name="rows"/>) and deletes
    /// the month's other rows of <paramref name="kinds"/>: one read of the month, then transactions.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The headline row's own write is the first transaction's guard (insert-only when the month had no row, If-Match
    /// on the ETag read otherwise), so a close that lands between the read and the write makes it fail and the month
    /// is read again; later transactions carry the no-op merge guard of <see cref="SubmitGuardedAsync"/>.
    /// </para>
    /// <para>
    /// With <paramref name="monthAbsent"/> (the caller saw no row of the month) and rows that fit one transaction, they
    /// are first inserted in one transaction, insert-only, without reading the month: it fails whole (409) when any of
    /// them exists by then (a refresh or a close came first), and the month is then read and replaced as above.
    /// </para>
    /// </remarks>
    /// <returns>False, writing nothing, when the month (or a row it would replace) is closed.</returns>
    public static async Task<bool> ReplaceOpenMonthAsync(
        TableClient table,
        string partitionKey,
        BillingMonth month,
        ITableEntity headline,
        IReadOnlyList<ITableEntity> rows,
        IReadOnlyList<string> kinds,
        CancellationToken cancellationToken,
        bool monthAbsent = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(headline);
        RejectDuplicateKeys(rows);
        if (monthAbsent && rows.Count < TableStorageLimits.MaxBatchOperations)
        {
            try
            {
                await table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, headline),
                        .. rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)),
                    ],
                    cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 409)
            {
                // A row of the month exists by now: read it and replace as usual.
            }
        }
        for (var attempt = 1; ; attempt++)
        {
            var existing = await ReadMonthAsync(table, partitionKey, month, kinds, cancellationToken);
            if (IsClosed(existing, month, kinds))
            {
                return false;
            }

            try
            {
                var current = existing.Find(row => string.Equals(row.RowKey, headline.RowKey, StringComparison.Ordinal));
                List<TableTransactionAction> plan =
                [
                    current is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, headline)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, headline, current.ETag),
                    .. Plan(rows, existing, kinds, KpiStatus.Provisional),
                ];
                var batches = TableStorageLimits.SplitIntoBatches(plan, reservedOperations: 1);
                await table.SubmitTransactionAsync(batches[0], cancellationToken);
                if (batches.Count == 1)
                {
                    return true;
                }

                var written = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, headline.RowKey, ReadColumns, cancellationToken);
                if (!written.HasValue || written.Value!.GetString("Status") == nameof(KpiStatus.Closed))
                {
                    return false;
                }

                if (await SubmitGuardedAsync(table, [.. batches.Skip(1).SelectMany(batch => batch)], written.Value, cancellationToken))
                {
                    return true;
                }
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // A close or another refresh changed the month between our read and our write: read it again.
            }
        }
    }

    /// <summary>
    /// Writes a closed month: <paramref name="headlineRows"/> (the month's row and its version's row) first, in the first
    /// transaction with as many of <paramref name="rows"/> as fit, then reads the month and writes the rest, deleting
    /// the month's other rows of <paramref name="kinds"/>.
    /// </summary>
    /// <remarks>
    /// The read follows the headline's write, so whatever a provisional refresh committed before the month closed is
    /// seen and replaced, and a refresh after it fails on its guard (see the class remarks).
    /// </remarks>
    public static async Task ReplaceClosedMonthAsync(
        TableClient table,
        string partitionKey,
        BillingMonth month,
        IReadOnlyList<ITableEntity> headlineRows,
        IReadOnlyList<ITableEntity> rows,
        IReadOnlyList<string> kinds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(headlineRows);
        RejectDuplicateKeys(rows);
        var upserts = headlineRows.Concat(rows).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        var first = TableStorageLimits.SplitIntoBatches(upserts)[0];
        await table.SubmitTransactionAsync(first, cancellationToken);
        var done = first.Select(action => action.Entity.RowKey).ToHashSet(StringComparer.Ordinal);
        var rest = rows.Where(row => !done.Contains(row.RowKey)).ToList();
        for (var attempt = 1; ; attempt++)
        {
            // The headline row was just written (it is in the first transaction): only the kinds' rows are read.
            var existing = await ReadMonthAsync(table, partitionKey, month, kinds, cancellationToken, withHeadline: false);
            var plan = Plan(rest, [.. existing.Where(row => !done.Contains(row.RowKey))], kinds, KpiStatus.Closed);
            try
            {
                await TableStorageLimits.SubmitInBatchesAsync(table, plan, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404 && attempt < MaxAttempts)
            {
                // A row we meant to delete was deleted first: read the month again.
            }
        }
    }

    /// <summary>
    /// Submits a provisional plan, each transaction guarded by a no-op merge of the (open) headline row
    /// If-Match on its ETag, re-read before every transaction after the first.
    /// </summary>
    /// <returns>False when the headline row was closed meanwhile (the caller reads the month again).</returns>
    private static async Task<bool> SubmitGuardedAsync(
        TableClient table, List<TableTransactionAction> plan, TableEntity headline, CancellationToken cancellationToken)
    {
        var (etag, status) = (headline.ETag, headline.GetString("Status"));
        var first = true;
        foreach (var batch in TableStorageLimits.SplitIntoBatches(plan, reservedOperations: 1))
        {
            if (!first)
            {
                var current = await table.GetEntityIfExistsAsync<TableEntity>(
                    headline.PartitionKey, headline.RowKey, ReadColumns, cancellationToken);
                if (!current.HasValue || current.Value!.GetString("Status") == nameof(KpiStatus.Closed))
                {
                    return false;
                }

                (etag, status) = (current.Value.ETag, current.Value.GetString("Status"));
            }

            // A no-op merge of the headline's own status (provisional, or awaiting data), If-Match on its ETag.
            var guard = new TableEntity(headline.PartitionKey, headline.RowKey) { ["Status"] = status };
            await table.SubmitTransactionAsync(
                [.. batch, new TableTransactionAction(TableTransactionActionType.UpdateMerge, guard, etag)], cancellationToken);
            first = false;
        }

        return true;
    }

    /// <summary>The month's headline row (when there is one, unless <paramref name="withHeadline"/> is false) and its rows of <paramref name="kinds"/>: keys, statuses and ETags.</summary>
    internal static async Task<List<TableEntity>> ReadMonthAsync(
        TableClient table, string partitionKey, BillingMonth month, IReadOnlyList<string> kinds, CancellationToken cancellationToken,
        bool withHeadline = true)
    {
        var headline = withHeadline
            ? table.GetEntityIfExistsAsync<TableEntity>(partitionKey, SnapshotRowKeys.Month(month), ReadColumns, cancellationToken)
            : null;
        var ranges = Task.WhenAll(kinds.Select(kind => ReadRangeAsync(table, partitionKey, kind, month, cancellationToken)));
        await (headline is null ? ranges : Task.WhenAll(headline, ranges));
        var found = headline is null ? null : await headline;
        var rows = found is { HasValue: true } ? new List<TableEntity> { found.Value! } : [];
        foreach (var range in await ranges)
        {
            rows.AddRange(range);
        }

        return rows;
    }

    private static async Task<List<TableEntity>> ReadRangeAsync(
        TableClient table, string partitionKey, string kind, BillingMonth month, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {SnapshotRowKeys.From(kind, month)} and RowKey lt {SnapshotRowKeys.Before(kind, month)}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ReadColumns, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static bool IsOfKind(string rowKey, IReadOnlyList<string> kinds) =>
        kinds.Any(kind => rowKey.StartsWith(kind, StringComparison.Ordinal));

    private static bool IsClosed(List<TableEntity> existing, BillingMonth month, IReadOnlyList<string> kinds)
    {
        var headline = SnapshotRowKeys.Month(month);
        return existing.Exists(row =>
            row.GetString("Status") == nameof(KpiStatus.Closed)
            && (string.Equals(row.RowKey, headline, StringComparison.Ordinal) || IsOfKind(row.RowKey, kinds)));
    }

    private static List<TableTransactionAction> Plan(
        IReadOnlyList<ITableEntity> rows, List<TableEntity> existing, IReadOnlyList<string> kinds, KpiStatus status)
    {
        var stale = existing.Where(row => IsOfKind(row.RowKey, kinds)).ToDictionary(row => row.RowKey, StringComparer.Ordinal);
        var actions = new List<TableTransactionAction>(rows.Count + stale.Count);
        foreach (var row in rows)
        {
            actions.Add(status == KpiStatus.Closed
                ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)
                : stale.TryGetValue(row.RowKey, out var current)
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, row));
            stale.Remove(row.RowKey);
        }

        foreach (var row in stale.Values)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, status == KpiStatus.Closed ? ETag.All : row.ETag));
        }

        return actions;
    }

    private static void RejectDuplicateKeys(IReadOnlyList<ITableEntity> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var duplicate = rows.GroupBy(row => row.RowKey, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two rows of one month have the row key '{duplicate.Key}'.", nameof(rows));
        }
    }
}
