using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>Computes a tenant's consecutive months, adding to each close result what needs history or spend.</summary>
/// <remarks>
/// One instance serves one run (a close or a provisional refresh) over one loaded ledger. The engine computes
/// MRR, movements, FX and segments; this adds NRR12/GRR12 (against the snapshot of twelve months before, locked or
/// computed in this run), concentration, spend and CAC (spend converted at the month's rate), LTV over the churn
/// rates of the last six months, CAC by channel on the channel segments, and the cohort cells.
/// </remarks>
internal sealed class MonthSeries
{
    private const int ChurnWindowMonths = 6;

    private readonly TenantLedger _ledger;
    private readonly TenantSettings _settings;
    private readonly MonthlyRecurringRevenue _revenue;
    private readonly MonthEndContext _context;
    private readonly Dictionary<BillingMonth, decimal?> _churnRates;
    private readonly HashSet<BillingMonth> _spendMonths;
    private readonly Dictionary<BillingMonth, IReadOnlyList<CustomerMonthEnd>> _closings = [];
    private readonly Func<BillingMonth, CancellationToken, Task<IReadOnlyList<CustomerMonthEnd>?>> _lockedClosing;

    /// <param name="ledger">The tenant's ledger.</param>
    /// <param name="settings">The settings figures are computed with.</param>
    /// <param name="metrics">The tenant's metric settings (its business time zone).</param>
    /// <param name="earlierRows">Stored KPI rows of earlier months (their churn rates feed LTV).</param>
    /// <param name="lockedClosing">Reads the locked snapshot of a closed month, null when the month is not closed.</param>
    public MonthSeries(
        TenantLedger ledger,
        TenantSettings settings,
        MetricSettings metrics,
        IEnumerable<KpiSnapshot> earlierRows,
        Func<BillingMonth, CancellationToken, Task<IReadOnlyList<CustomerMonthEnd>?>> lockedClosing)
    {
        _ledger = ledger;
        _settings = settings;
        _lockedClosing = lockedClosing;
        _revenue = new MonthlyRecurringRevenue(ledger.Lines, metrics);
        _context = new MonthEndContext
        {
            Rates = new ExchangeRateTable(ledger.Rates),
            Customers = ledger.Customers,
            MrrBands = settings.MrrBands,
        };
        _churnRates = earlierRows.ToDictionary(row => row.Kpis.Month, row => row.Kpis.CustomerChurnRate);
        _spendMonths = [.. ledger.Spend.Select(row => row.Month)];
    }

    /// <param name="month">The month to compute.</param>
    /// <param name="opening">The snapshot of the month before: locked, or computed in this run.</param>
    /// <param name="cancellationToken">Cancels reading locked snapshots.</param>
    /// <param name="lockedVersion">
    /// The close version of <paramref name="opening"/> when it is the locked snapshot of the month before: the month is
    /// then checked for late data (<see cref="LateData"/>); null when the opening was computed in this run.
    /// </param>
    /// <exception cref="MissingExchangeRateException">A currency in use has no rate for the month.</exception>
    public async Task<ComputedMonth> ComputeAsync(
        BillingMonth month, IReadOnlyList<CustomerMonthEnd> opening, CancellationToken cancellationToken, int? lockedVersion = null)
    {
        var result = MonthEndCalculator.Compute(month, opening, _revenue, _context);
        Restatement? restatement = null;
        if (lockedVersion is { } version)
        {
            restatement = LateData.Of(month.Previous(), version, opening, _revenue, _context.Rates, _ledger.Lines);
            result = result with { Movements = LateData.Flag(result.Movements, restatement) };
        }

        _closings[month] = result.Closing;
        _churnRates[month] = result.Kpis.CustomerChurnRate;

        var reporting = _settings.Metrics.ReportingCurrency;
        var acquisition = CustomerAcquisition.Of(
            month,
            _ledger.Spend,
            row => row.Amount * _context.Rates.RateAt(row.Currency, reporting, month),
            result.Movements.Where(movement => movement.Type == MovementType.New).Select(movement => movement.CustomerId),
            _ledger.Customers);
        var churnRates = Enumerable.Range(0, ChurnWindowMonths)
            .Select(back => _churnRates.GetValueOrDefault(month.PlusMonths(-back)))
            .ToList();
        var retention = await TwelveMonthsBeforeAsync(month, cancellationToken) is { } yearBefore
            ? TwelveMonthRetention.Of(yearBefore, result.Closing)
            : new TwelveMonthRetentionFigures(null, null);

        var kpis = result.Kpis with
        {
            Nrr12 = retention.Nrr12,
            Grr12 = retention.Grr12,
            Concentration = Concentration.Of(result.Closing.Select(customer => customer.Mrr)),
            UnitEconomics = WithoutCacWhenNoSpend(month, UnitEconomics.Compute(new UnitEconomicsInput(
                result.Kpis.Arpa, result.Kpis.NewMrr, result.Kpis.NewCustomers, churnRates, _settings.GrossMargin,
                _settings.LtvCapMonths, acquisition.Spend, acquisition.PaidSpend, acquisition.PaidNewCustomers))),
        };
        var segments = result.Segments
            .Select(segment => segment.Dimension == "channel" ? WithAcquisition(segment, acquisition, churnRates) : segment)
            .ToList();
        return new ComputedMonth(result with { Kpis = kpis, Segments = segments }, CohortTable.CellsOf(month, result.Closing))
        {
            Restatement = restatement,
        };
    }

    private async Task<IReadOnlyList<CustomerMonthEnd>?> TwelveMonthsBeforeAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        var yearBefore = month.PlusMonths(-12);
        return _closings.TryGetValue(yearBefore, out var computed) ? computed : await _lockedClosing(yearBefore, cancellationToken);
    }

    /// <summary>CAC by channel: the channel's spend over the new customers it brought, on the channel's segment row.</summary>
    private SegmentKpis WithAcquisition(SegmentKpis segment, CustomerAcquisitionFigures acquisition, IReadOnlyList<decimal?> churnRates)
    {
        var channel = acquisition.Channels.FirstOrDefault(candidate => string.Equals(candidate.Channel, segment.Value, StringComparison.Ordinal))
            ?? new ChannelAcquisition(segment.Value, 0m, IsPaid: false, NewCustomers: 0);
        var kpis = segment.Kpis;
        var economics = UnitEconomics.Compute(new UnitEconomicsInput(
            kpis.Arpa, kpis.NewMrr, channel.NewCustomers, churnRates, _settings.GrossMargin, _settings.LtvCapMonths,
            channel.Spend, channel.IsPaid ? channel.Spend : 0m, channel.IsPaid ? channel.NewCustomers : 0));
        return segment with { Kpis = kpis with { UnitEconomics = WithoutCacWhenNoSpend(kpis.Month, economics) } };
    }

    /// <summary>
    /// A month no spend file covers has unknown CAC, not a CAC of 0: the spend-based figures are left empty (spend reads 0).
    /// </summary>
    private UnitEconomicsFigures WithoutCacWhenNoSpend(BillingMonth month, UnitEconomicsFigures economics) =>
        _spendMonths.Contains(month)
            ? economics
            : economics with { Cac = null, PaidCac = null, CacPaybackMonths = null, CacPaybackMonthsArpa = null, LtvToCac = null };
}
