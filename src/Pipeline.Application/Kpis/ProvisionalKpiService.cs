using Microsoft.Extensions.Logging;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>Recomputes the provisional figures of a tenant's open months, from the last locked snapshot on.</summary>
/// <remarks>
/// Open months run from the month after the last closed one (or the tenant's first month) through the current
/// month in the business time zone. Movements of the first open month are taken against the locked snapshot of
/// the last closed month, exactly as its close will (METRICS.md §6), so a provisional figure is what the close
/// would publish if no more data arrived.
/// </remarks>
public sealed class ProvisionalKpiService(
    TenantLedgerReader ledgerReader,
    ICloseLog closes,
    ICloseArtifactStore artifacts,
    IKpiSnapshotStore snapshots,
    TenantSettings settings,
    TimeProvider clock,
    ILogger<ProvisionalKpiService> logger)
{
    /// <summary>Recomputes the open months from the accepted imports (and <paramref name="pendingImport"/>, being finished).</summary>
    public async Task RefreshAsync(TenantId tenant, CancellationToken cancellationToken, ImportRecord? pendingImport = null)
    {
        var ledger = await ledgerReader.ReadAsync(tenant, cancellationToken, pendingImport);
        var records = await closes.ListAsync(tenant, cancellationToken);
        await RefreshAsync(tenant, ledger, records, cancellationToken);
    }

    internal async Task RefreshAsync(
        TenantId tenant, TenantLedger ledger, IReadOnlyList<CloseRecord> records, CancellationToken cancellationToken)
    {
        if (ledger.FirstMonth is not { } firstMonth)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var lastClosed = LastClosed(records);
        var month = lastClosed?.Month.Next() ?? firstMonth;
        var current = settings.For(tenant).CurrentMonth(now);
        if (month > current)
        {
            return;
        }

        var opening = await OpeningAsync(tenant, lastClosed, cancellationToken);
        var series = await SeriesAsync(tenant, ledger, records, cancellationToken);
        var versions = records.ToDictionary(record => record.Month, record => record.Version);
        var written = 0;
        int? lockedVersion = lastClosed?.Version;
        for (; month <= current; month = month.Next(), lockedVersion = null)
        {
            ComputedMonth computed;
            try
            {
                computed = await series.ComputeAsync(month, opening, cancellationToken, lockedVersion);
            }
            catch (MissingExchangeRateException exception)
            {
                logger.ProvisionalStopped(tenant.Value, month, exception.Message);
                break;
            }

            var version = versions.TryGetValue(month, out var closedVersion) ? closedVersion + 1 : 1;
            if (await WriteAsync(tenant, computed, version, now, cancellationToken))
            {
                written++;
            }

            opening = computed.Result.Closing;
        }

        logger.ProvisionalRefreshed(tenant.Value, written);
    }

    /// <summary>The series that computes this tenant's months, reading locked snapshots of closed months when needed.</summary>
    internal async Task<MonthSeries> SeriesAsync(
        TenantId tenant, TenantLedger ledger, IReadOnlyList<CloseRecord> records, CancellationToken cancellationToken)
    {
        var earlierRows = await snapshots.ListAsync(tenant, null, null, cancellationToken);
        var closed = records.Where(record => record.Status == CloseStatus.Closed).ToDictionary(record => record.Month);
        return new MonthSeries(ledger, settings, settings.For(tenant).Metrics, earlierRows, async (month, token) =>
            closed.TryGetValue(month, out var record)
                ? await artifacts.ReadClosingAsync(tenant, month, record.Version, token)
                : null);
    }

    private async Task<bool> WriteAsync(
        TenantId tenant, ComputedMonth computed, int version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = computed.Result;
        var month = result.Kpis.Month;
        var snapshot = new KpiSnapshot(
            result.Kpis, KpiStatus.Provisional, version, now, settings.For(tenant).TimeZoneId, settings.Metrics.DelinquencyDays,
            MetricSettings.DefinitionsVersion);

        // The provisional folder only, never a version's: a close of this month may be writing version
        // `version` right now, and its snapshot must be the one it computed (ICloseArtifactStore). Written before
        // the row, so a provisional row never points at a drill-down that is not there yet.
        await artifacts.WriteProvisionalAsync(tenant, month, result.Closing, result.Movements, cancellationToken);
        if (!await snapshots.WriteProvisionalAsync(tenant, snapshot, cancellationToken))
        {
            return false;
        }

        await snapshots.WriteSegmentsAsync(tenant, month, KpiStatus.Provisional, version, now, result.Segments, cancellationToken);
        await snapshots.WriteCohortCellsAsync(tenant, month, KpiStatus.Provisional, computed.CohortCells, cancellationToken);
        return true;
    }

    internal static CloseRecord? LastClosed(IReadOnlyList<CloseRecord> records) =>
        records.Where(record => record.Status == CloseStatus.Closed).MaxBy(record => record.Month);

    internal async Task<IReadOnlyList<CustomerMonthEnd>> OpeningAsync(
        TenantId tenant, CloseRecord? lastClosed, CancellationToken cancellationToken)
    {
        if (lastClosed is null)
        {
            return [];
        }

        return await artifacts.ReadClosingAsync(tenant, lastClosed.Month, lastClosed.Version, cancellationToken)
            ?? throw new InvalidOperationException(
                $"The locked snapshot of {lastClosed.Month} (version {lastClosed.Version}) of tenant {tenant} is missing.");
    }
}
