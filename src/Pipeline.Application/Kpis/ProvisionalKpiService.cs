using Microsoft.Extensions.Logging;
using Pipeline.Application.Closes;
using Pipeline.Application.Months;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>Writes the provisional figures of a tenant's open months, through the current month.</summary>
/// <remarks>
/// The months come from the tenant's <see cref="OpenMonthRun"/>, the same computation a close runs, so a provisional
/// figure is what the close would publish if no more data arrived. A month with a missing rate stops the refresh
/// there: it and the months after it keep what they had.
/// </remarks>
public sealed class ProvisionalKpiService(
    TenantLedgerReader ledgerReader,
    ICloseLog closes,
    OpenMonths openMonths,
    ICloseArtifactStore artifacts,
    IKpiSnapshotStore snapshots,
    TenantSettings settings,
    TimeProvider clock,
    ILogger<ProvisionalKpiService> logger)
{
    /// <summary>Recomputes the open months from the accepted imports (and <paramref name="pendingImportId"/>, being finished).</summary>
    public async Task RefreshAsync(TenantId tenant, CancellationToken cancellationToken, string? pendingImportId = null)
    {
        var ledger = await ledgerReader.ReadAsync(tenant, cancellationToken, pendingImportId);
        var records = await closes.ListAsync(tenant, cancellationToken);
        await RefreshAsync(tenant, ledger, records, cancellationToken);
    }

    internal async Task RefreshAsync(
        TenantId tenant, TenantLedger ledger, IReadOnlyList<CloseRecord> records, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = settings.For(tenant).CurrentMonth(now);
        var run = await openMonths.StartAsync(tenant, ledger, records, cancellationToken);
        if (run is null || run.Month > current)
        {
            return;
        }

        var versions = records.ToDictionary(record => record.Month, record => record.Version);
        var written = 0;
        while (run.Month <= current)
        {
            var month = run.Month;
            var outcome = await run.NextAsync(cancellationToken);
            if (outcome.Computed is not { } computed)
            {
                logger.ProvisionalStopped(tenant.Value, month, outcome.MissingRate!.Message);
                break;
            }

            var version = versions.TryGetValue(month, out var closedVersion) ? closedVersion + 1 : 1;
            if (await WriteAsync(tenant, computed, version, now, cancellationToken))
            {
                written++;
            }
        }

        logger.ProvisionalRefreshed(tenant.Value, written);
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
}
