using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Months;

/// <summary>Starts the one computation of a tenant's open months that both the provisional refresh and the close run.</summary>
/// <remarks>
/// Open months run from the month after the last closed one (or the tenant's first month) on. The first open month is
/// computed against the locked snapshot of the last closed month, exactly as its close will (METRICS.md §6), so a
/// provisional figure is what the close would publish if no more data arrived; every later month against the month
/// before it in the same run. The figure rules themselves are the Domain's <see cref="MonthSeries"/>; this only reads
/// what the series needs from storage (locked snapshots, earlier churn rates).
/// </remarks>
public sealed class OpenMonths(ICloseArtifactStore artifacts, IKpiSnapshotStore snapshots, TenantSettings settings)
{
    /// <summary>A run over <paramref name="ledger"/> from the tenant's first open month; null when the tenant has no revenue lines.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="ledger">The tenant's ledger, read once for the run.</param>
    /// <param name="records">The tenant's close records (the current record of each month).</param>
    /// <param name="cancellationToken">Cancels reading the locked snapshot and the earlier rows.</param>
    /// <exception cref="InvalidOperationException">The locked snapshot of the last closed month is missing.</exception>
    public async Task<OpenMonthRun?> StartAsync(
        TenantId tenant, TenantLedger ledger, IReadOnlyList<CloseRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(records);
        if (ledger.FirstMonth is not { } firstMonth)
        {
            return null;
        }

        var closed = records.Where(record => record.Status == CloseStatus.Closed).ToDictionary(record => record.Month);
        var lastClosed = closed.Values.MaxBy(record => record.Month);
        var opening = lastClosed is null
            ? []
            : await artifacts.ReadClosingAsync(tenant, lastClosed.Month, lastClosed.Version, cancellationToken)
                ?? throw new InvalidOperationException(
                    $"The locked snapshot of {lastClosed.Month} (version {lastClosed.Version}) of tenant {tenant} is missing.");
        var earlierRows = await snapshots.ListAsync(tenant, null, null, cancellationToken);
        var series = Series(tenant, ledger, earlierRows.ToDictionary(row => row.Kpis.Month, row => row.Kpis.CustomerChurnRate));
        return new OpenMonthRun(
            tenant, series, artifacts, closed, lastClosed?.Month.Next() ?? firstMonth, opening, lastClosed?.Version);
    }

    /// <summary>The month series of a tenant's ledger with the tenant's settings.</summary>
    /// <param name="tenant">The tenant (its business time zone).</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="earlierChurnRates">Churn rates of months published before the run (LTV).</param>
    public MonthSeries Series(TenantId tenant, TenantLedger ledger, IReadOnlyDictionary<BillingMonth, decimal?>? earlierChurnRates = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new MonthSeries(new MonthSeriesInputs
        {
            Revenue = new MonthlyRecurringRevenue(ledger.Lines, settings.For(tenant).Metrics),
            Context = new MonthEndContext
            {
                Rates = new ExchangeRateTable(ledger.Rates),
                Customers = ledger.Customers,
                MrrBands = settings.MrrBands,
            },
            Spend = ledger.Spend,
            Lines = ledger.Lines,
            GrossMargin = settings.GrossMargin,
            LtvCapMonths = settings.LtvCapMonths,
            EarlierChurnRates = earlierChurnRates ?? new Dictionary<BillingMonth, decimal?>(),
        });
    }
}
