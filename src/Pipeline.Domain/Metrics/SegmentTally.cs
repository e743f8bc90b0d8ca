namespace Pipeline.Domain.Metrics;

/// <summary>Adds up the customers' shares of one segment (one dimension value) into its KPIs.</summary>
/// <remarks>
/// Each share is a customer's (S, S′, E) in the segment, classified with the tenant-level table of METRICS.md §2.
/// Entering the segment is Reactivation only when the customer reactivates at tenant level, else New, so a plan
/// change shows as Churn in the old plan and New in the new one. Delinquent churn follows the tenant-level churn.
/// Entering or leaving a pause is Contraction or Expansion in the segment as at tenant level (METRICS.md §2).
/// Decimal additions of converted 28-digit amounts dominate the cost of segments, so a steady share (S = S′ = E)
/// is one addition, a share changed by rates only (S′ = E) two, and FX impact is derived at the end from the sums
/// of S′ and S instead of added per share.
/// </remarks>
internal sealed class SegmentTally(string dimension, string value)
{
    private decimal _start;
    private decimal _restated;
    private decimal _mrr;
    private decimal _steady;
    private int _steadyCustomers;
    private decimal _rateOnlyEnd;
    private int _rateOnlyCustomers;
    private decimal _new;
    private decimal _expansion;
    private decimal _reactivation;
    private decimal _contraction;
    private decimal _churned;
    private decimal _delinquentChurned;
    private int _startCustomers;
    private int _customers;
    private int _newCustomers;
    private int _reactivatedCustomers;
    private int _churnedCustomers;
    private int _terms;

    public string Value => value;

    /// <summary>No customer has a share in the segment (a tier or band nobody is in this month).</summary>
    public bool IsEmpty => _terms == 0;

    /// <param name="start">S in the segment, at the locked opening amounts.</param>
    /// <param name="restated">S′ in the segment, at this month's rates.</param>
    /// <param name="end">E in the segment.</param>
    /// <param name="customerMovement">The customer's tenant-level movement.</param>
    /// <param name="delinquent">The tenant-level movement is a delinquent churn.</param>
    /// <param name="pause">The customer enters or leaves a pause (<see cref="MrrFlow.Pause"/>): Contraction or Expansion, never Churn or New.</param>
    public void Add(decimal start, decimal restated, decimal end, MovementType customerMovement, bool delinquent, bool pause)
    {
        _terms++;
        if (start > 0m)
        {
            _start += start;
            _restated += restated;
            _startCustomers++;
        }

        if (end > 0m)
        {
            _mrr += end;
            _customers++;
        }

        if (restated != end)
        {
            AddMovement(restated, end, customerMovement, delinquent, pause);
        }
    }

    /// <summary>Adds a share that is the same at the start, restated and at the end: no movement, no FX impact.</summary>
    public void AddSteady(decimal mrr)
    {
        _terms++;
        _steady += mrr;
        _steadyCustomers++;
    }

    /// <summary>Adds a share whose native amounts are unchanged and only the rate moved: S′ = E, no movement.</summary>
    public void AddRateOnly(decimal start, decimal end)
    {
        _terms++;
        _start += start;
        _rateOnlyEnd += end;
        _rateOnlyCustomers++;
    }

    /// <summary>Adds another tally of the same segment (from the other slice of a month closed in parallel).</summary>
    public void Absorb(SegmentTally other)
    {
        (_start, _restated, _mrr, _steady) = (_start + other._start, _restated + other._restated, _mrr + other._mrr, _steady + other._steady);
        (_rateOnlyEnd, _rateOnlyCustomers) = (_rateOnlyEnd + other._rateOnlyEnd, _rateOnlyCustomers + other._rateOnlyCustomers);
        (_new, _expansion, _reactivation) = (_new + other._new, _expansion + other._expansion, _reactivation + other._reactivation);
        (_contraction, _churned, _delinquentChurned) =
            (_contraction + other._contraction, _churned + other._churned, _delinquentChurned + other._delinquentChurned);
        (_startCustomers, _customers, _steadyCustomers) =
            (_startCustomers + other._startCustomers, _customers + other._customers, _steadyCustomers + other._steadyCustomers);
        (_newCustomers, _reactivatedCustomers, _churnedCustomers, _terms) =
            (_newCustomers + other._newCustomers, _reactivatedCustomers + other._reactivatedCustomers, _churnedCustomers + other._churnedCustomers, _terms + other._terms);
    }

    /// <exception cref="InvalidOperationException">The segment's movements do not add up (a bug).</exception>
    public SegmentKpis ToSegment(BillingMonth month, CurrencyCode currency)
    {
        var kpis = new MonthlyKpis
        {
            Month = month,
            Currency = currency,
            StartMrr = _start + _steady,
            Mrr = _mrr + _steady + _rateOnlyEnd,
            NewMrr = _new,
            ExpansionMrr = _expansion,
            ReactivationMrr = _reactivation,
            ContractionMrr = _contraction,
            ChurnedMrr = _churned,
            DelinquentChurnedMrr = _delinquentChurned,
            FxImpactMrr = _restated + _rateOnlyEnd - _start,
            StartCustomers = _startCustomers + _steadyCustomers + _rateOnlyCustomers,
            Customers = _customers + _steadyCustomers + _rateOnlyCustomers,
            NewCustomers = _newCustomers,
            ReactivatedCustomers = _reactivatedCustomers,
            ChurnedCustomers = _churnedCustomers,
            SubscribedAndChurned = 0,
        };
        MrrIdentity.Ensure(kpis, 2 * _terms, $" in {dimension}={value}");
        return new SegmentKpis(dimension, value, kpis);
    }

    private void AddMovement(decimal restated, decimal end, MovementType customerMovement, bool delinquent, bool pause)
    {
        if (pause && restated == 0m)
        {
            _expansion += end;
        }
        else if (pause && end == 0m)
        {
            _contraction += restated;
        }
        else if (restated == 0m)
        {
            if (customerMovement == MovementType.Reactivation)
            {
                _reactivation += end;
                _reactivatedCustomers++;
            }
            else
            {
                _new += end;
                _newCustomers++;
            }
        }
        else if (end == 0m)
        {
            _churned += restated;
            _delinquentChurned += delinquent ? restated : 0m;
            _churnedCustomers++;
        }
        else if (end > restated)
        {
            _expansion += end - restated;
        }
        else
        {
            _contraction += restated - end;
        }
    }
}
