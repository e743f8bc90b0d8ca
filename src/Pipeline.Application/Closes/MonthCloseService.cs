using Microsoft.Extensions.Logging;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Closes;

/// <summary>Closes a tenant's months: computes each against the previous locked snapshot, then locks it.</summary>
/// <remarks>
/// Months are closed oldest first from the month after the last closed one (or the tenant's first month with data),
/// so a missed run catches up by itself. Per month the writes go snapshot blobs → KPI row → <c>Closes</c> record,
/// and only the last one makes the month closed: a crash in between leaves it open and the next run redoes it
/// with the same result. Closing a closed month again changes nothing.
/// </remarks>
public sealed class MonthCloseService(
    TenantLedgerReader ledgerReader,
    ICloseLog closes,
    ICloseArtifactStore artifacts,
    IKpiSnapshotStore snapshots,
    IImportLog imports,
    ProvisionalKpiService provisional,
    TenantSettings settings,
    TimeProvider clock,
    ILogger<MonthCloseService> logger)
{
    /// <summary>Closes every open month of the tenant through <paramref name="through"/>.</summary>
    public async Task<CloseOutcome> CloseThroughAsync(
        TenantId tenant, BillingMonth through, string closedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var calendar = settings.For(tenant);
        if (!calendar.HasEnded(through, now))
        {
            return new CloseOutcome(CloseOutcomeKind.MonthNotEnded, through, [],
                $"{through} has not ended yet in {calendar.TimeZoneId}; it can be closed from {through.Next()}.");
        }

        var ledger = await ledgerReader.ReadAsync(tenant, cancellationToken);
        if (ledger.FirstMonth is not { } firstMonth)
        {
            return new CloseOutcome(CloseOutcomeKind.NoData, through, [], $"Tenant {tenant} has no accepted revenue data.");
        }

        var records = await closes.ListAsync(tenant, cancellationToken);
        var closedNow = new List<CloseRecord>();
        var lastClosed = ProvisionalKpiService.LastClosed(records);
        var month = lastClosed?.Month.Next() ?? firstMonth;
        string? stopped = null;
        if (month <= through)
        {
            var opening = await provisional.OpeningAsync(tenant, lastClosed, cancellationToken);
            var series = await provisional.SeriesAsync(tenant, ledger, records, cancellationToken);
            for (; month <= through; month = month.Next())
            {
                ComputedMonth computed;
                try
                {
                    computed = await series.ComputeAsync(month, opening, cancellationToken);
                }
                catch (MissingExchangeRateException exception)
                {
                    // Nothing of this month was written: it stays open, and so do the months after it.
                    stopped = exception.Message;
                    break;
                }

                var previousVersion = records.FirstOrDefault(record => record.Month == month)?.Version ?? 0;
                closedNow.Add(await LockAsync(tenant, computed, previousVersion + 1, ledger, closedBy, cancellationToken));
                opening = computed.Result.Closing;
            }

            records = await closes.ListAsync(tenant, cancellationToken);
        }

        await provisional.RefreshAsync(tenant, ledger, records, cancellationToken);
        if (stopped is not null)
        {
            return new CloseOutcome(CloseOutcomeKind.MissingExchangeRate, through, closedNow, stopped);
        }

        return through < firstMonth
            ? new CloseOutcome(CloseOutcomeKind.BeforeFirstMonth, through, [], $"Tenant {tenant} has no data before {firstMonth}.")
            : new CloseOutcome(CloseOutcomeKind.Closed, through, closedNow);
    }

    /// <summary>
    /// Reopens <paramref name="month"/> and every later closed month with a required reason, recorded in the audit
    /// trail; re-closing them later writes new versions, and every earlier version stays readable.
    /// </summary>
    public Task<CloseOutcome> ReopenAsync(
        TenantId tenant, BillingMonth month, string reason, string reopenedBy, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Reopen lands with issue 5.");

    /// <summary>The state of one month: status, versions, pending restatement delta and audit trail.</summary>
    public Task<MonthCloseState> StateAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Close state lands with issue 5.");

    /// <summary>Every close record of the tenant, oldest month first.</summary>
    public Task<IReadOnlyList<CloseRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        closes.ListAsync(tenant, cancellationToken);

    /// <summary>
    /// Closes, for every tenant, every month that is due (<c>CloseLagDays</c> after its end in the tenant's business
    /// time zone, see <see cref="TenantSettings.For"/>), oldest first; a tenant whose close fails does not stop the
    /// others, and the failures are rethrown together at the end.
    /// </summary>
    public async Task<IReadOnlyList<CloseOutcome>> CloseDueMonthsAsync(string closedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outcomes = new List<CloseOutcome>();
        var failures = new List<Exception>();
        foreach (var tenant in await imports.ListTenantsAsync(cancellationToken))
        {
            try
            {
                outcomes.Add(await CloseThroughAsync(tenant, settings.For(tenant).LatestDueMonth(now), closedBy, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Add(exception);
            }
        }

        return failures.Count == 0
            ? outcomes
            : throw new AggregateException($"Closing due months failed for {failures.Count} tenant(s).", failures);
    }

    private async Task<CloseRecord> LockAsync(
        TenantId tenant, ComputedMonth computed, int version, TenantLedger ledger, string closedBy, CancellationToken cancellationToken)
    {
        var result = computed.Result;
        var kpis = result.Kpis;
        var now = clock.GetUtcNow();
        await artifacts.WriteAsync(tenant, kpis.Month, version, result.Closing, result.Movements, cancellationToken);
        await snapshots.WriteSegmentsAsync(tenant, kpis.Month, KpiStatus.Closed, version, now, result.Segments, cancellationToken);
        await snapshots.WriteCohortCellsAsync(tenant, kpis.Month, KpiStatus.Closed, computed.CohortCells, cancellationToken);
        await snapshots.WriteClosedAsync(
            tenant,
            new KpiSnapshot(kpis, KpiStatus.Closed, version, now, settings.TimeZoneId, settings.Metrics.DelinquencyDays,
                MetricSettings.DefinitionsVersion),
            cancellationToken);
        var record = new CloseRecord
        {
            Tenant = tenant,
            Month = kpis.Month,
            Status = CloseStatus.Closed,
            Version = version,
            ClosedAt = now,
            ClosedBy = closedBy,
            InputsFingerprint = ledger.InputsFingerprint,
            InputImports = ledger.ImportIds.Count,
            Mrr = kpis.Mrr,
            Currency = kpis.Currency,
            Customers = kpis.Customers,
        };
        await closes.SaveAsync(record, cancellationToken);
        logger.MonthClosed(tenant.Value, kpis.Month, version, closedBy);
        return record;
    }
}
