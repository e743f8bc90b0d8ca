namespace Pipeline.Domain.Metrics;

/// <summary>Turns each merged customer (opening row and ledger activity) into its closing row, movement and FX impact.</summary>
/// <remarks>
/// <para>
/// METRICS.md §1 Currency and §2: S is the locked opening MRR, S′ its native parts at this month's rate <c>r_m</c>, E the
/// ledger's parts at <c>r_m</c>. Movements are classified on (S′, E), so they are measured at this month's rates, and
/// S′ − S is the customer's FX impact; a customer whose native MRR is unchanged shows FX impact only.
/// </para>
/// <para>
/// Most customers of a long history do not change in a month: when the native parts and the rates are unchanged the
/// opening row (and its parts) is reused, so a steady month allocates nothing per customer. Each customer is handed
/// to the segment breakdown right away, while its rows are in cache.
/// </para>
/// </remarks>
internal sealed class MonthEndBuilder
{
    private readonly BillingMonth _month;
    private readonly MonthlyRecurringRevenue _revenue;
    private readonly MonthActivity _activity;
    private readonly MonthEndContext _context;
    private readonly MonthRates _rates;
    private readonly MonthEndTally _tally;
    private readonly SegmentBreakdown _segments;
    private readonly decimal[] _nativeByCurrency;

    public MonthEndBuilder(BillingMonth month, MonthlyRecurringRevenue revenue, MonthActivity activity, MonthEndContext context, int expectedCustomers)
    {
        (_month, _revenue, _activity, _context) = (month, revenue, activity, context);
        var reporting = revenue.Settings.ReportingCurrency;
        _rates = new MonthRates(context.Rates, reporting, month, activity.Catalog.Currencies);
        _tally = new MonthEndTally(month, reporting, expectedCustomers);
        _segments = new SegmentBreakdown(month, _rates, activity.Catalog, context.MrrBands, expectedCustomers, context.ValueSegments);
        _nativeByCurrency = new decimal[activity.Catalog.Currencies.Length];
    }

    public void CarryDormant(CustomerMonthEnd opening) => _tally.CarryDormant(opening);

    public void CarryDormant(ReadOnlySpan<CustomerMonthEnd> dormant) => _tally.CarryDormant(dormant);

    public void Add(CustomerMonthEnd? before, in CustomerMonthActivity activity)
    {
        var startMrr = before?.Mrr ?? 0m;
        var natives = _activity.PartsOf(activity);
        var sameRates = false;
        var sameNatives = before is not null && SameNatives(before.Parts, natives, out sameRates);
        var parts = sameNatives && sameRates ? before!.Parts : _rates.Convert(natives, _activity.Catalog, out _);
        var endMrr = Sum(parts, natives);
        var restated = sameNatives ? endMrr : Restated(before);
        var paidBefore = before is not null && (before.EverPaid || before.Mrr > 0m);
        var movement = Classify(activity.CustomerId, startMrr, restated, endMrr, paidBefore, activity.StartedInMonth);
        var closing = Closing(before, activity.CustomerId, parts, endMrr, paidBefore, movement?.Type);
        _tally.Add(closing, startMrr, movement, restated - startMrr);
        if (startMrr > 0m || endMrr > 0m)
        {
            var steady = sameNatives && sameRates && startMrr == endMrr;
            var amounts = new MrrFlow(
                startMrr, restated, endMrr, movement?.Type ?? MovementType.None, movement?.Delinquent ?? false, steady, sameNatives && !steady);
            _segments.Add(new CustomerFlow(before, closing, amounts, sameNatives), natives);
        }
    }

    /// <summary>Adds the slice of <paramref name="upper"/> (higher customer ids) to this one; returns this builder.</summary>
    public MonthEndBuilder Absorb(MonthEndBuilder upper)
    {
        _tally.Absorb(upper._tally);
        _segments.Absorb(upper._segments);
        for (var currency = 0; currency < _nativeByCurrency.Length; currency++)
        {
            _nativeByCurrency[currency] += upper._nativeByCurrency[currency];
        }

        return this;
    }

    /// <summary>The month's result; the builder cannot be used afterwards (its buffers went back to the pool).</summary>
    /// <param name="startTier">The opening's top-20 % cut when the opening is the close's own snapshot.</param>
    public MonthEndResult ToResult(ParetoThreshold? startTier)
    {
        _tally.Cmrr = Committed();
        _tally.NativeMrr = NativeTotals();
        var segments = _segments.Complete(startTier);
        return _tally.ToResult(_segments.EndTier) with { Segments = segments };
    }

    /// <summary>Same part keys and native amounts in the same order; <paramref name="sameRates"/> when the converted amounts match too.</summary>
    private bool SameNatives(IReadOnlyList<MrrPart> parts, ReadOnlySpan<PartAmount> natives, out bool sameRates)
    {
        sameRates = false;
        if (natives.IsEmpty || parts.Count != natives.Length)
        {
            return false;
        }

        var catalog = _activity.Catalog;
        sameRates = true;
        for (var index = 0; index < natives.Length; index++)
        {
            var (number, native) = natives[index];
            var (part, key) = (parts[index], catalog.Keys[number]);
            if (part.NativeMrr != native || part.Currency != key.Currency || part.Plan != key.Plan || part.Product != key.Product)
            {
                return sameRates = false;
            }

            sameRates = sameRates && part.Mrr == native * _rates.Of(catalog.CurrencyIndexes[number]);
        }

        return true;
    }

    /// <summary>E: the sum of the parts; also adds the natives to the month's totals per currency.</summary>
    private decimal Sum(IReadOnlyList<MrrPart> parts, ReadOnlySpan<PartAmount> natives)
    {
        var mrr = 0m;
        for (var index = 0; index < natives.Length; index++)
        {
            mrr += parts[index].Mrr;
            _nativeByCurrency[_activity.Catalog.CurrencyIndexes[natives[index].Part]] += natives[index].Native;
        }

        return mrr;
    }

    /// <summary>S′: the opening row's native parts at this month's rates; a row without parts is reporting currency.</summary>
    private decimal Restated(CustomerMonthEnd? before)
    {
        if (before is null || before.Parts.Count == 0)
        {
            return before?.Mrr ?? 0m;
        }

        var (parts, restated) = (before.Parts, 0m);
        for (var index = 0; index < parts.Count; index++)
        {
            restated += parts[index].NativeMrr * _rates.Of(parts[index].Currency);
        }

        return restated;
    }

    private CustomerMovement? Classify(string customerId, decimal start, decimal restated, decimal end, bool paidBefore, bool startedInMonth)
    {
        if (restated == end)
        {
            return restated == 0m && startedInMonth
                ? new CustomerMovement(customerId, 0m, 0m, MovementType.None, 0m, SubscribedAndChurned: true)
                : null;
        }

        // METRICS.md §2: entering a pause is Contraction (not Churn), resuming from one is Expansion (not Reactivation).
        var (type, amount) = (restated, end) switch
        {
            (0m, _) when paidBefore && ResumesFromPause(customerId) => (MovementType.Expansion, end),
            (0m, _) => (paidBefore ? MovementType.Reactivation : MovementType.New, end),
            (_, 0m) when _revenue.PauseCovers(customerId, MonthNumbering.Of(_month)) => (MovementType.Contraction, restated),
            (_, 0m) => (MovementType.Churn, restated),
            _ when end > restated => (MovementType.Expansion, end - restated),
            _ => (MovementType.Contraction, restated - end),
        };
        var delinquent = type == MovementType.Churn && _revenue.HasMrrIgnoringDelinquency(customerId, _month);
        return new CustomerMovement(customerId, start, end, type, amount, delinquent) { FxImpact = restated - start };
    }

    /// <summary>Whether the customer, without MRR at the previous month end, was paused then.</summary>
    private bool ResumesFromPause(string customerId) => _revenue.PauseCovers(customerId, MonthNumbering.Of(_month) - 1);

    /// <summary>The closing row: cohort from the New movement or carried over, attributes from the customer master data.</summary>
    private CustomerMonthEnd Closing(
        CustomerMonthEnd? before, string customerId, IReadOnlyList<MrrPart> parts, decimal endMrr, bool paidBefore, MovementType? type)
    {
        var everPaid = paidBefore || endMrr > 0m;
        var cohort = type == MovementType.New ? _month : before?.CohortMonth;
        var (name, country, channel, segment) = Attributes(before, customerId, endMrr);
        if (before is not null && ReferenceEquals(before.Parts, parts) && before.Mrr == endMrr && before.EverPaid == everPaid
            && before.CohortMonth == cohort && before.Name == name && before.Country == country && before.Channel == channel
            && before.Segment == segment)
        {
            return before;
        }

        return new CustomerMonthEnd(customerId, endMrr, everPaid)
        {
            Parts = parts,
            CohortMonth = cohort,
            Name = name,
            Country = country,
            Channel = channel,
            Segment = segment,
        };
    }

    /// <summary>From the master data; unknown → null, except that a customer without MRR keeps what its opening row had.</summary>
    private (string? Name, string? Country, string? Channel, string? Segment) Attributes(
        CustomerMonthEnd? before, string customerId, decimal endMrr)
    {
        if (_context.Customers.Count > 0 && _context.Customers.TryGetValue(customerId, out var record))
        {
            return (record.Name, record.Country, record.Channel, record.Segment);
        }

        return endMrr == 0m && before is not null ? (before.Name, before.Country, before.Channel, before.Segment) : (null, null, null, null);
    }

    /// <summary>CMRR: committed native amounts per currency at <c>r_m</c>; null when one of those currencies has no rate.</summary>
    private decimal? Committed()
    {
        var committed = 0m;
        var natives = _activity.CommittedNative;
        for (var currency = 0; currency < natives.Length; currency++)
        {
            if (natives[currency] == 0m)
            {
                continue;
            }

            if (!_rates.TryOf(currency, out var rate))
            {
                return null;
            }

            committed += natives[currency] * rate;
        }

        return committed;
    }

    private ValueList<Money> NativeTotals()
    {
        var currencies = _activity.Catalog.Currencies;
        return new ValueList<Money>([.. currencies.Select((currency, index) => new Money(_nativeByCurrency[index], currency)).Where(total => total.Amount != 0m)]);
    }
}
