namespace Pipeline.Domain.Metrics;

/// <summary>Adds up one month's customers into the KPIs, the closing snapshot and the movement rows.</summary>
/// <remarks>
/// Customers must be added in ordinal id order; the lists keep that order. <see cref="ToResult()"/> checks the
/// movement identity (with FX impact) before anything is returned, because a close that does not add up must never
/// be locked.
/// </remarks>
internal sealed class MonthEndTally(BillingMonth month, CurrencyCode currency, int expectedCustomers = 0)
{
    private readonly List<CustomerMonthEnd> _closing = new(expectedCustomers);
    private readonly List<int> _activeRows = [];
    private readonly List<CustomerMovement> _movements = [];
    private decimal _startMrr;
    private decimal _mrr;
    private decimal _fxImpact;
    private int _startCustomers;
    private int _customers;
    private decimal _new;
    private decimal _expansion;
    private decimal _reactivation;
    private decimal _contraction;
    private decimal _churned;
    private decimal _delinquentChurned;
    private int _newCustomers;
    private int _reactivatedCustomers;
    private int _churnedCustomers;
    private int _subscribedAndChurned;

    /// <summary>Committed MRR, set by the close; null when a rate it needs is missing.</summary>
    public decimal? Cmrr { get; set; }

    /// <summary>MRR at <c>T_m</c> per native currency, ordered by currency code; set by the close.</summary>
    public IReadOnlyList<Money> NativeMrr { get; set; } = ValueList<Money>.Empty;

    /// <param name="closing">The customer's closing row.</param>
    /// <param name="startMrr">S: the locked opening MRR.</param>
    /// <param name="movement">The movement row, or null.</param>
    /// <param name="fxImpact">S′ − S: the start restated at this month's rates minus S.</param>
    public void Add(CustomerMonthEnd closing, decimal startMrr, CustomerMovement? movement, decimal fxImpact = 0m)
    {
        CountBalances(startMrr, closing.Mrr);
        _fxImpact += fxImpact;
        if (closing.Mrr > 0m)
        {
            _activeRows.Add(_closing.Count);
        }

        if (closing.Mrr > 0m || closing.EverPaid)
        {
            _closing.Add(closing);
        }

        if (movement is not null)
        {
            CountMovement(movement);
            _movements.Add(movement);
        }
    }

    /// <summary>Adds a customer with no MRR before or after and no activity: only its snapshot row carries over.</summary>
    public void CarryDormant(CustomerMonthEnd opening)
    {
        if (opening.EverPaid)
        {
            _closing.Add(opening);
        }
    }

    /// <summary>Carries dormant rows of a trusted snapshot (MRR 0, ever paid) over as a block.</summary>
    public void CarryDormant(ReadOnlySpan<CustomerMonthEnd> dormant) => _closing.AddRange(dormant);

    /// <summary>Adds the customers of <paramref name="upper"/>, all with higher ids than this tally's.</summary>
    public void Absorb(MonthEndTally upper)
    {
        _activeRows.AddRange(upper._activeRows.Select(row => row + _closing.Count));
        _closing.AddRange(upper._closing);
        _movements.AddRange(upper._movements);
        (_startMrr, _mrr, _fxImpact) = (_startMrr + upper._startMrr, _mrr + upper._mrr, _fxImpact + upper._fxImpact);
        (_startCustomers, _customers) = (_startCustomers + upper._startCustomers, _customers + upper._customers);
        (_new, _expansion, _reactivation) = (_new + upper._new, _expansion + upper._expansion, _reactivation + upper._reactivation);
        (_contraction, _churned, _delinquentChurned) =
            (_contraction + upper._contraction, _churned + upper._churned, _delinquentChurned + upper._delinquentChurned);
        (_newCustomers, _reactivatedCustomers) = (_newCustomers + upper._newCustomers, _reactivatedCustomers + upper._reactivatedCustomers);
        (_churnedCustomers, _subscribedAndChurned) = (_churnedCustomers + upper._churnedCustomers, _subscribedAndChurned + upper._subscribedAndChurned);
    }

    public MonthEndResult ToResult() => ToResult(endTier: null);

    /// <param name="endTier">The month end's top-20 % cut, kept with the snapshot for the next month.</param>
    public MonthEndResult ToResult(ParetoThreshold? endTier)
    {
        var kpis = new MonthlyKpis
        {
            Month = month,
            Currency = currency,
            StartMrr = _startMrr,
            Mrr = _mrr,
            NewMrr = _new,
            ExpansionMrr = _expansion,
            ReactivationMrr = _reactivation,
            ContractionMrr = _contraction,
            ChurnedMrr = _churned,
            DelinquentChurnedMrr = _delinquentChurned,
            FxImpactMrr = _fxImpact,
            Cmrr = Cmrr,
            NativeMrr = NativeMrr,
            StartCustomers = _startCustomers,
            Customers = _customers,
            NewCustomers = _newCustomers,
            ReactivatedCustomers = _reactivatedCustomers,
            ChurnedCustomers = _churnedCustomers,
            SubscribedAndChurned = _subscribedAndChurned,
        };
        MrrIdentity.Ensure(kpis, _closing.Count + _movements.Count);
        return new MonthEndResult(kpis, new ClosingSnapshot(_closing, _activeRows, endTier), _movements);
    }

    private void CountBalances(decimal startMrr, decimal endMrr)
    {
        _startMrr += startMrr;
        _mrr += endMrr;
        _startCustomers += startMrr > 0m ? 1 : 0;
        _customers += endMrr > 0m ? 1 : 0;
    }

    private void CountMovement(CustomerMovement movement)
    {
        switch (movement.Type)
        {
            case MovementType.New:
                _new += movement.Amount;
                _newCustomers++;
                break;
            case MovementType.Reactivation:
                _reactivation += movement.Amount;
                _reactivatedCustomers++;
                break;
            case MovementType.Expansion:
                _expansion += movement.Amount;
                break;
            case MovementType.Contraction:
                _contraction += movement.Amount;
                break;
            case MovementType.Churn:
                _churned += movement.Amount;
                _delinquentChurned += movement.Delinquent ? movement.Amount : 0m;
                _churnedCustomers++;
                break;
            case MovementType.None:
                _subscribedAndChurned += movement.SubscribedAndChurned ? 1 : 0;
                break;
        }
    }
}
