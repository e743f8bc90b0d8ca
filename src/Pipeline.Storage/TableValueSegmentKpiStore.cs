using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="IValueSegmentKpiStore"/> on the <c>CloseFigures</c> table (keys in <see cref="CloseFigureKeys"/>).</summary>
/// <remarks>
/// A version's rows and its marker are inserted in one entity group transaction (a month has at most four value
/// segments), so readers see all of them or none; a version already stored makes the insert fail with 409, which keeps
/// the rows first written. Only versions with a marker are read.
/// </remarks>
internal sealed class TableValueSegmentKpiStore(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : IValueSegmentKpiStore
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.CloseFiguresTable);

    public async Task<IReadOnlyDictionary<(BillingMonth Month, int Version), IReadOnlyList<SegmentSnapshot>>> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var partition = TableStorageLimits.ValidateKey(CloseFigureKeys.ValueSegmentPartition(tenant), nameof(tenant));
        var (lower, upper) = (from?.ToString() ?? "0", to is { } last ? CloseFigureKeys.AfterMonth(last) : "~");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {lower} and RowKey lt {upper}");
        var markers = new HashSet<(BillingMonth, int)>();
        var rows = new Dictionary<(BillingMonth Month, int Version), List<SegmentSnapshot>>();
        await foreach (var entity in _table.QueryAsync<ValueSegmentKpiEntity>(filter, cancellationToken: cancellationToken))
        {
            var key = CloseFigureKeys.MonthAndVersion(entity.RowKey);
            if (CloseFigureKeys.IsVersionMarker(entity.RowKey))
            {
                markers.Add(key);
                rows.TryAdd(key, []);
            }
            else
            {
                (rows.TryGetValue(key, out var list) ? list : rows[key] = []).Add(entity.ToSnapshot());
            }
        }

        return rows.Where(pair => markers.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => (IReadOnlyList<SegmentSnapshot>)[.. pair.Value.OrderBy(row => row.Segment.Value, StringComparer.Ordinal)]);
    }

    public async Task WriteAsync(
        TenantId tenant, BillingMonth month, int version, DateTimeOffset computedAt, IReadOnlyList<SegmentKpis> segments,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segments);
        List<ITableEntity> entities =
        [
            .. segments.Select(segment => ValueSegmentKpiEntity.From(tenant, version, computedAt, segment)),
            ValueSegmentKpiEntity.Marker(tenant, month, version, computedAt, segments.Count),
        ];
        entities.ForEach(TableStorageLimits.ValidateEntity);
        try
        {
            await _table.SubmitTransactionAsync(
                entities.Select(entity => new TableTransactionAction(TableTransactionActionType.Add, entity)), cancellationToken);
        }
        catch (TableTransactionFailedException failed) when (failed.Status == 409)
        {
            // Another read stored this version first: its rows stay.
        }
        catch (RequestFailedException failed) when (failed.Status == 409)
        {
            // The same, as some clients report it.
        }
    }
}
