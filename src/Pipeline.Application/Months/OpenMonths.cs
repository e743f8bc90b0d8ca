using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
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
    /// <param name="atHorizon">
    /// True for provisional figures: the month containing the ledger's data horizon is measured at the horizon, and
    /// later months await data (<see cref="OpenMonthRun.AwaitsData"/>). False for a close, which measures every month
    /// at its end whatever the horizon (CMRR counts the lines starting after a month, and the horizon moves those of its
    /// own month, so even months before it differ in CMRR).
    /// </param>
    /// <param name="cancellationToken">Cancels reading the locked snapshot and the earlier rows.</param>
    /// <param name="knownClosings">
    /// Locked snapshots the caller holds, by month and close version (a close hands over those it just locked), used
    /// instead of reading them back; the others are read.
    /// </param>
    /// <param name="valueSegments">The inputs of the value segment dimension; null (the close and the refresh) computes none.</param>
    /// <param name="prepared">
    /// The revenue engine of this ledger measured as <paramref name="atHorizon"/> says, built ahead by
    /// <see cref="BuildRevenueAsync"/>; null builds it here.
    /// </param>
    /// <exception cref="InvalidOperationException">The locked snapshot of the last closed month is missing.</exception>
    public async Task<OpenMonthRun?> StartAsync(
        TenantId tenant, TenantLedger ledger, IReadOnlyList<CloseRecord> records, bool atHorizon, CancellationToken cancellationToken,
        IReadOnlyDictionary<(BillingMonth Month, int Version), IReadOnlyList<CustomerMonthEnd>>? knownClosings = null,
        ValueSegmentInputs? valueSegments = null, Task<MonthlyRecurringRevenue>? prepared = null)
    {
        var known = knownClosings ?? new Dictionary<(BillingMonth Month, int Version), IReadOnlyList<CustomerMonthEnd>>();
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
            : known.GetValueOrDefault((lastClosed.Month, lastClosed.Version))
                ?? await artifacts.ReadClosingAsync(tenant, lastClosed.Month, lastClosed.Version, cancellationToken)
                ?? throw new InvalidOperationException(
                    $"The locked snapshot of {lastClosed.Month} (version {lastClosed.Version}) of tenant {tenant} is missing.");
        var earlierRows = await snapshots.ListAsync(tenant, null, null, cancellationToken);
        var churnRates = earlierRows.Where(row => row.Status != KpiStatus.AwaitingData).ToDictionary(row => row.Kpis.Month, row => row.Kpis.CustomerChurnRate);
        var measuredAt = atHorizon ? ledger.DataHorizon : null;
        var revenue = prepared is null ? null : await prepared.WaitAsync(cancellationToken);
        if (revenue is not null && revenue.Horizon != measuredAt)
        {
            throw new ArgumentException($"The prepared engine is measured at {revenue.Horizon}, not at {measuredAt}.", nameof(prepared));
        }

        var series = Series(tenant, ledger, churnRates, measuredAt, valueSegments, revenue);
        return new OpenMonthRun(
            tenant, series, artifacts, closed, lastClosed?.Month.Next() ?? firstMonth, opening, lastClosed?.Version, known)
        {
            Horizon = ledger.DataHorizon,
            HorizonMonth = ledger.DataHorizon is { } horizon ? BillingMonth.Containing(horizon, settings.For(tenant).BusinessTimeZone) : null,
        };
    }

    /// <summary>
    /// Builds, on the thread pool, the revenue engine a run over <paramref name="ledger"/> needs (measured at the ledger's
    /// data horizon when <paramref name="atHorizon"/>), to hand to <see cref="StartAsync"/> later: a close starts the one
    /// of its provisional refresh while it builds its own and locks its months, so the refresh does not wait for it.
    /// </summary>
    public Task<MonthlyRecurringRevenue> BuildRevenueAsync(TenantId tenant, TenantLedger ledger, bool atHorizon)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return Task.Run(() => Revenue(tenant, ledger, atHorizon ? ledger.DataHorizon : null));
    }

    /// <summary>The month series of a tenant's ledger with the tenant's settings.</summary>
    /// <param name="tenant">The tenant (its business time zone).</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="earlierChurnRates">Churn rates of months published before the run (LTV).</param>
    /// <param name="horizon">Measures the month containing it at this instant (provisional figures); null for month ends.</param>
    /// <param name="valueSegments">The inputs of the value segment dimension; null computes none.</param>
    /// <param name="revenue">The revenue engine of this ledger at <paramref name="horizon"/> when already built; null builds it.</param>
    public MonthSeries Series(
        TenantId tenant, TenantLedger ledger, IReadOnlyDictionary<BillingMonth, decimal?>? earlierChurnRates = null, DateTimeOffset? horizon = null,
        ValueSegmentInputs? valueSegments = null, MonthlyRecurringRevenue? revenue = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new MonthSeries(new MonthSeriesInputs
        {
            Revenue = revenue ?? Revenue(tenant, ledger, horizon),
            Context = new MonthEndContext
            {
                Rates = new ExchangeRateTable(ledger.Rates),
                Customers = ledger.Customers,
                MrrBands = settings.MrrBands,
                ValueSegments = valueSegments,
            },
            Spend = ledger.Spend,
            Ledger = ledger.Lines,
            GrossMargin = settings.GrossMargin,
            LtvCapMonths = settings.LtvCapMonths,
            EarlierChurnRates = earlierChurnRates ?? new Dictionary<BillingMonth, decimal?>(),
        });
    }

    private MonthlyRecurringRevenue Revenue(TenantId tenant, TenantLedger ledger, DateTimeOffset? horizon) =>
        ledger.Revenue(settings.For(tenant).Metrics, horizon);
}
