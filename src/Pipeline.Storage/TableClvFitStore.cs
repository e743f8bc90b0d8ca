using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Clv;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="IClvFitStore"/> on the <c>CloseFigures</c> table, partition <c>{tenant}|clv</c> (keys in <see cref="CloseFigureKeys"/>).</summary>
/// <remarks>
/// A set (one grouping's <c>clv</c> or <c>forecast</c> groups of one close version) is its group rows and a marker row
/// written after them; only a set with its marker is read, so a write cut short is never served and is simply written
/// again by the next read. A set with a marker is never written again: the figures of a close version are written once.
/// </remarks>
internal sealed class TableClvFitStore(TableServiceClient tables, IOptions<PipelineStorageOptions> options, TimeProvider clock) : IClvFitStore
{
    public const string ClvKind = "clv";

    public const string ForecastKind = "forecast";

    private const int BatchSize = 100;

    private readonly TableClient _table = tables.GetTableClient(options.Value.CloseFiguresTable);

    public async Task<ClvReport?> FindAsync(TenantId tenant, BillingMonth asOf, int version, string? dimension, CancellationToken cancellationToken)
    {
        if (await ReadSetAsync(tenant, ClvKind, asOf, version, dimension, cancellationToken) is not { } set)
        {
            return null;
        }

        var (_, storedVersion, currency, _) = set.Marker.Set();
        return new ClvReport(asOf, currency, [.. set.Rows.Select(row => row.ToGroup()).OrderBy(group => group.Segment, StringComparer.Ordinal).ThenBy(group => group.PeriodMonths)])
        {
            CloseVersion = storedVersion,
        };
    }

    public Task WriteAsync(TenantId tenant, string? dimension, ClvReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var version = report.CloseVersion ?? throw new ArgumentException("Only the fits of a close version are stored.", nameof(report));
        var discountRate = report.Groups.Count > 0 ? report.Groups[0].DiscountRate : 0m;
        return WriteSetAsync(
            [.. report.Groups.Select(group => ClvFitEntity.From(tenant, dimension, report.AsOf, version, group))],
            ClvFitEntity.Marker(tenant, ClvKind, dimension, report.AsOf, version, report.Currency, discountRate, report.Groups.Count, clock.GetUtcNow()),
            cancellationToken);
    }

    public async Task<ClvForecast?> FindForecastAsync(
        TenantId tenant, BillingMonth asOf, int version, string? dimension, CancellationToken cancellationToken)
    {
        if (await ReadSetAsync(tenant, ForecastKind, asOf, version, dimension, cancellationToken) is not { } set)
        {
            return null;
        }

        var (_, storedVersion, currency, discountRate) = set.Marker.Set();
        return new ClvForecast(
            asOf, currency, discountRate,
            [.. set.Rows.Select(row => row.ToForecast()).OrderBy(group => group.Segment, StringComparer.Ordinal).ThenBy(group => group.PeriodMonths)])
        {
            CloseVersion = storedVersion,
        };
    }

    public Task WriteForecastAsync(TenantId tenant, string? dimension, ClvForecast forecast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var version = forecast.CloseVersion ?? throw new ArgumentException("Only the forecast of a close version is stored.", nameof(forecast));
        return WriteSetAsync(
            [.. forecast.Groups.Select(group => ClvFitEntity.From(tenant, dimension, forecast.AsOf, version, group))],
            ClvFitEntity.Marker(
                tenant, ForecastKind, dimension, forecast.AsOf, version, forecast.Currency, forecast.DiscountRate, forecast.Groups.Count, clock.GetUtcNow()),
            cancellationToken);
    }

    /// <summary>The set's marker and rows; null without a marker (never written, or a write cut short).</summary>
    private async Task<(ClvFitEntity Marker, List<ClvFitEntity> Rows)?> ReadSetAsync(
        TenantId tenant, string kind, BillingMonth asOf, int version, string? dimension, CancellationToken cancellationToken)
    {
        var partition = TableStorageLimits.ValidateKey(CloseFigureKeys.ClvPartition(tenant), nameof(tenant));
        var setKey = CloseFigureKeys.ClvSet(asOf, version, kind, dimension);
        var marker = await _table.GetEntityIfExistsAsync<ClvFitEntity>(partition, setKey, cancellationToken: cancellationToken);
        if (!marker.HasValue)
        {
            return null;
        }

        // Group keys are the set's key, '|' and more; '}' is the character after '|'.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {setKey + "|"} and RowKey lt {setKey + "}"}");
        var rows = new List<ClvFitEntity>();
        await foreach (var row in _table.QueryAsync<ClvFitEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return (marker.Value!, rows);
    }

    private async Task WriteSetAsync(List<ClvFitEntity> rows, ClvFitEntity marker, CancellationToken cancellationToken)
    {
        if ((await _table.GetEntityIfExistsAsync<ClvFitEntity>(marker.PartitionKey, marker.RowKey, cancellationToken: cancellationToken)).HasValue)
        {
            return;
        }

        rows.ForEach(TableStorageLimits.ValidateEntity);
        TableStorageLimits.ValidateEntity(marker);
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await _table.SubmitTransactionAsync(
                batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        }

        try
        {
            await _table.AddEntityAsync(marker, cancellationToken);
        }
        catch (RequestFailedException failed) when (failed.Status == 409)
        {
            // Another read stored the same set first.
        }
    }
}
