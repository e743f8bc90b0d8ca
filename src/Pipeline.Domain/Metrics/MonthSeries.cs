namespace Pipeline.Domain.Metrics;

/// <summary>Computes a tenant's consecutive months: every figure rule of METRICS.md in one place.</summary>
/// <remarks>
/// <para>
/// One instance serves one run (a close or a provisional refresh) over one ledger. <see cref="MonthEndCalculator"/>
/// computes MRR, movements, FX and segments against the opening snapshot; this adds what needs history or spend:
/// the late-data check against a locked opening (METRICS.md §6), NRR12/GRR12 against the snapshot of twelve months
/// before, concentration, spend and CAC (spend converted at the month's rate; a month no spend file covers has unknown
/// CAC, not 0), LTV over the churn rates of the last six months, CAC by channel on the channel segments, and the
/// cohort cells.
/// </para>
/// <para>
/// A month whose currencies (the ledger's MRR at <c>T_m</c>, the opening's parts, the month's spend, and for a locked
/// opening the ledger's MRR at <c>T_{m−1}</c>) lack a rate is not computed: <see cref="Compute"/> returns the
/// missing rate as a value, and the caller stops there (a half-converted month must never be published or locked).
/// </para>
/// <para>
/// The series keeps the closing snapshots of the last twelve months it computed (for NRR12), not every month's, so a
/// long run holds at most thirteen snapshots.
/// </para>
/// </remarks>
public sealed class MonthSeries
{
    private const int ChurnWindowMonths = 6;
    private const int RetentionMonths = 12;

    private readonly MonthSeriesInputs _inputs;
    private readonly CurrencyCode _reporting;
    private readonly Dictionary<BillingMonth, decimal?> _churnRates;
    private readonly HashSet<BillingMonth> _spendMonths;
    private readonly Dictionary<BillingMonth, IReadOnlyList<CustomerMonthEnd>> _closings = [];

    public MonthSeries(MonthSeriesInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _inputs = inputs;
        _reporting = inputs.Revenue.Settings.ReportingCurrency;
        _churnRates = new Dictionary<BillingMonth, decimal?>(inputs.EarlierChurnRates);
        _spendMonths = [.. inputs.Spend.Select(row => row.Month)];
    }

    /// <summary>Whether the series computed <paramref name="month"/> and still holds its closing snapshot.</summary>
    /// <remarks>When it does not, a caller computing the month twelve months later passes the locked snapshot instead.</remarks>
    public bool Holds(BillingMonth month) => _closings.ContainsKey(month);

    /// <summary>The closing snapshots the series holds (the last twelve months it computed), by month.</summary>
    public IReadOnlyDictionary<BillingMonth, IReadOnlyList<CustomerMonthEnd>> HeldClosings => _closings;

    /// <param name="month">The month to compute.</param>
    /// <param name="opening">The snapshot of the month before: locked, or computed by this series.</param>
    /// <param name="lockedVersion">
    /// The close version of <paramref name="opening"/> when it is the locked snapshot of the month before: the month is
    /// then checked for late data (<see cref="LateData"/>); null when the opening was computed by this series.
    /// </param>
    /// <param name="lockedYearBefore">
    /// The locked snapshot of the month twelve months before when the series does not hold it (<see cref="Holds"/>);
    /// null when that month is neither held nor closed (NRR12 and GRR12 are then unknown).
    /// </param>
    public MonthOutcome Compute(
        BillingMonth month, IReadOnlyList<CustomerMonthEnd> opening, int? lockedVersion = null, IReadOnlyList<CustomerMonthEnd>? lockedYearBefore = null)
    {
        ArgumentNullException.ThrowIfNull(opening);
        if (MissingRate(month, opening, lockedVersion is not null) is { } missing)
        {
            return MonthOutcome.Missing(missing);
        }

        var revenue = _inputs.Revenue;
        var context = _inputs.Context;
        var result = MonthEndCalculator.Compute(month, opening, revenue, context);
        Restatement? restatement = null;
        if (lockedVersion is { } version)
        {
            restatement = LateData.Of(month.Previous(), version, opening, revenue, context.Rates, _inputs.Ledger);
            result = result with { Movements = LateData.Flag(result.Movements, restatement) };
        }

        var yearBefore = _closings.GetValueOrDefault(month.PlusMonths(-RetentionMonths)) ?? lockedYearBefore;
        _closings[month] = result.Closing;
        _closings.Remove(month.PlusMonths(-RetentionMonths));
        _churnRates[month] = result.Kpis.CustomerChurnRate;

        var acquisition = CustomerAcquisition.Of(
            month,
            _inputs.Spend,
            row => row.Amount * context.Rates.RateAt(row.Currency, _reporting, month),
            result.Movements.Where(movement => movement.Type == MovementType.New).Select(movement => movement.CustomerId),
            context.Customers);
        var churnRates = Enumerable.Range(0, ChurnWindowMonths)
            .Select(back => _churnRates.GetValueOrDefault(month.PlusMonths(-back)))
            .ToList();

        // Three passes over the closing that need nothing of each other: on two cores when one is free.
        var retention = new TwelveMonthRetentionFigures(null, null);
        ConcentrationFigures? concentration = null;
        IReadOnlyList<CohortCell> cells = [];
        Parallel.Invoke(
            () => retention = yearBefore is not null ? TwelveMonthRetention.Of(yearBefore, result.Closing) : retention,
            () => concentration = Concentration.OfCustomers(result.Closing),
            () => cells = CohortTable.CellsOf(month, result.Closing));

        var kpis = result.Kpis with
        {
            Nrr12 = retention.Nrr12,
            Grr12 = retention.Grr12,
            Concentration = concentration,
            UnitEconomics = WithoutCacWhenNoSpend(month, UnitEconomics.Compute(new UnitEconomicsInput(
                result.Kpis.Arpa, result.Kpis.NewMrr, result.Kpis.NewCustomers, churnRates, _inputs.GrossMargin,
                _inputs.LtvCapMonths, acquisition.Spend, acquisition.PaidSpend, acquisition.PaidNewCustomers))),
        };
        var segments = result.Segments
            .Select(segment => segment.Dimension == "channel" ? WithAcquisition(segment, acquisition, churnRates) : segment)
            .ToList();
        return MonthOutcome.Of(new ComputedMonth(result with { Kpis = kpis, Segments = segments }, cells)
        {
            Restatement = restatement,
        });
    }

    /// <summary>The instant <paramref name="month"/> is measured at when that is before its end (the engine's horizon); else null.</summary>
    public DateTimeOffset? MeasuredAt(BillingMonth month) => _inputs.Revenue.MeasuredAt(month);

    /// <summary>Σ of every customer's MRR at <paramref name="month"/>'s end as the ledger gives it now; null when a rate is missing.</summary>
    /// <remarks>A closed month's pending restatement is this minus its locked MRR.</remarks>
    public decimal? RestatedMrr(BillingMonth month) =>
        FirstMissingRate(month, _inputs.Revenue.CurrenciesAt(month)) is null
            ? _inputs.Revenue.CustomerMrrAt(month, _inputs.Context.Rates).Values.Sum()
            : null;

    /// <summary>The first rate the month needs and the rates file does not have; null when every one is there.</summary>
    private MissingRate? MissingRate(BillingMonth month, IReadOnlyList<CustomerMonthEnd> opening, bool checksLateData)
    {
        var revenue = _inputs.Revenue;
        return FirstMissingRate(month, revenue.CurrenciesAt(month))
            ?? FirstMissingRate(month, CurrenciesOf(opening))
            ?? FirstMissingRate(month, _inputs.Spend.Where(row => row.Month == month).Select(row => row.Currency))
            ?? (checksLateData ? FirstMissingRate(month.Previous(), revenue.CurrenciesAt(month.Previous())) : null);
    }

    private MissingRate? FirstMissingRate(BillingMonth month, IEnumerable<CurrencyCode> currencies)
    {
        foreach (var currency in currencies)
        {
            if (currency != _reporting && !_inputs.Context.Rates.TryGetRate(currency, _reporting, month.LastDay, out _))
            {
                return new MissingRate(currency, _reporting, month);
            }
        }

        return null;
    }

    /// <summary>The native currencies of the opening's parts, other than the reporting currency, each once.</summary>
    private HashSet<CurrencyCode> CurrenciesOf(IReadOnlyList<CustomerMonthEnd> opening)
    {
        var currencies = new HashSet<CurrencyCode>();
        var last = _reporting;

        // Only customers with MRR have parts: of a snapshot the close produced, only its active rows are visited.
        var active = (opening as ClosingSnapshot)?.ActiveRows;
        var rows = active?.Count ?? opening.Count;
        for (var row = 0; row < rows; row++)
        {
            // Indexed, not foreach: enumerating the parts through their interface would allocate per customer.
            var parts = opening[active is null ? row : active[row]].Parts;
            for (var index = 0; index < parts.Count; index++)
            {
                var currency = parts[index].Currency;
                if (currency != last)
                {
                    last = currency;
                    if (currency != _reporting)
                    {
                        currencies.Add(currency);
                    }
                }
            }
        }

        return currencies;
    }

    /// <summary>CAC by channel: the channel's spend over the new customers it brought, on the channel's segment row.</summary>
    private SegmentKpis WithAcquisition(SegmentKpis segment, CustomerAcquisitionFigures acquisition, IReadOnlyList<decimal?> churnRates)
    {
        var channel = acquisition.Channels.FirstOrDefault(candidate => string.Equals(candidate.Channel, segment.Value, StringComparison.Ordinal))
            ?? new ChannelAcquisition(segment.Value, 0m, IsPaid: false, NewCustomers: 0);
        var kpis = segment.Kpis;
        var economics = UnitEconomics.Compute(new UnitEconomicsInput(
            kpis.Arpa, kpis.NewMrr, channel.NewCustomers, churnRates, _inputs.GrossMargin, _inputs.LtvCapMonths,
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
