namespace Pipeline.Domain.Metrics;

/// <summary>The MRR engine over one tenant's ledger: each customer's MRR at any month end <c>T_m</c>.</summary>
/// <remarks>
/// <para>
/// Implements METRICS.md §1. Only recurring and proration lines with a positive net count; void, draft and canceled
/// documents never do; a refunded line counts before its refund date, a line ended by an unused-time credit before
/// <see cref="RevenueLine.CreditedFrom"/> (<see cref="ProrationCredits"/>); an open, past-due or uncollectible line counts
/// until <c>T_m</c> is more than <see cref="MetricSettings.DelinquencyDays"/> after its due date (else issue date,
/// else service start). Among the lines of one subscription that count at <c>T_m</c> the latest service start wins
/// (then the later issue date, then the later source position); a customer's subscriptions add up.
/// </para>
/// <para>
/// Lines may be in any currency. The engine keeps each winning line's native monthly amount with its plan, product
/// and currency, and reports a customer's MRR as parts per (plan, product, currency); converting them into the
/// reporting currency at the month-end rate is the caller's choice of <see cref="ExchangeRateTable"/>.
/// </para>
/// <para>
/// The ledger is indexed once in the constructor (amounts, month ranges, the winning line per subscription and
/// month), so a month query costs about the number of customers it returns, not the size of the ledger: the close
/// asks for every month of a tenant's history. Amounts are at full decimal precision. Instances are immutable after
/// construction and safe to query from several threads.
/// </para>
/// </remarks>
public sealed class MonthlyRecurringRevenue
{
    private readonly string[] _customerIds;
    private readonly Dictionary<string, int> _customerNumbers;
    private readonly Dictionary<int, List<(int From, int To)>> _unpaid;
    private readonly Dictionary<int, int[]> _customersByStartMonth;
    private readonly MonthSegmentIndex _segments;
    private readonly MrrPartCatalog _parts;
    private readonly CommittedRevenue _committed;
    private readonly Dictionary<string, List<(int From, int To)>> _pauses;

    /// <param name="lines">The tenant's ledger in source order (the last supersede tie-breaker).</param>
    /// <param name="settings">Reporting currency, business time zone and delinquency limit.</param>
    /// <param name="horizon">
    /// The latest instant the tenant's data covers, to measure the month containing it at the horizon instead of at
    /// <c>T_m</c> (a provisional month whose renewals are not exported yet); null measures every month at its end.
    /// Months before the horizon's month are unaffected; months after it are not meaningful and must not be published.
    /// </param>
    public MonthlyRecurringRevenue(IReadOnlyList<RevenueLine> lines, MetricSettings settings, DateTimeOffset? horizon = null)
        : this(LedgerLines.Of(lines ?? throw new ArgumentNullException(nameof(lines))), settings, horizon)
    {
    }

    /// <param name="ledger">The tenant's ledger in columns, rows in source order; dropped (superseded) rows are skipped.</param>
    /// <param name="settings">Reporting currency, business time zone and delinquency limit.</param>
    /// <param name="horizon">As for the constructor over lines.</param>
    /// <remarks>
    /// The per-line coverage the build works on is let go once the segments are made: what the engine keeps is one
    /// segment per run of equal MRR of a subscription, the unpaid lines (delinquent churn), the month starts and pauses,
    /// so its size follows the number of subscriptions and price changes, not the number of invoice lines.
    /// </remarks>
    public MonthlyRecurringRevenue(LedgerLines ledger, MetricSettings settings, DateTimeOffset? horizon = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.DelinquencyDays);
        Settings = settings;
        Horizon = horizon;
        var coverage = new LedgerCoverage(settings, ledger.Count - ledger.DroppedCount, horizon);
        for (var row = 0; row < ledger.Count; row++)
        {
            if (!ledger.IsDropped(row))
            {
                coverage.Add(ledger.Facts(row), row);
            }
        }

        coverage.Complete();
        _customerIds = coverage.CustomerIds;
        _customerNumbers = coverage.CustomerNumbers;
        _customersByStartMonth = coverage.CustomersByStartMonth;
        _parts = coverage.Parts;
        _pauses = coverage.Pauses;
        _unpaid = coverage.UnpaidCoverage();
        var subscriptions = coverage.LinesBySubscription();
        _segments = new MonthSegmentIndex(SubscriptionTimeline.Build(coverage.Lines, subscriptions));
        _committed = new CommittedRevenue(coverage.Lines, subscriptions, _parts.CurrencyIndexes, _parts.Currencies.Length);
    }

    public MetricSettings Settings { get; }

    /// <summary>The instant the month containing it is measured at, or null when every month is measured at its end.</summary>
    public DateTimeOffset? Horizon { get; }

    /// <summary>The instant <paramref name="month"/>'s figures are measured at when that is before <c>T_m</c> (the horizon); else null.</summary>
    public DateTimeOffset? MeasuredAt(BillingMonth month) =>
        Horizon is { } horizon && BillingMonth.Containing(horizon, Settings.BusinessTimeZone) == month && horizon < month.EndInstant(Settings.BusinessTimeZone)
            ? horizon
            : null;

    /// <summary>Every customer with MRR &gt; 0 at <c>T_m</c>, with that MRR; for a ledger in the reporting currency only.</summary>
    /// <exception cref="MissingExchangeRateException">A customer has MRR in another currency.</exception>
    public IReadOnlyDictionary<string, decimal> CustomerMrrAt(BillingMonth month) => CustomerMrrAt(month, ExchangeRateTable.Empty);

    /// <summary>Every customer with MRR &gt; 0 at <c>T_m</c>, with that MRR converted at the month-end rates.</summary>
    /// <exception cref="MissingExchangeRateException">A currency in use has no rate on or before the month's end.</exception>
    public IReadOnlyDictionary<string, decimal> CustomerMrrAt(BillingMonth month, ExchangeRateTable rates) =>
        CustomerPartsAt(month, rates).ToDictionary(
            customer => customer.Key, customer => customer.Value.Sum(part => part.Mrr), StringComparer.Ordinal);

    /// <summary>
    /// Every customer with MRR &gt; 0 at <c>T_m</c>, with its MRR per plan, product and native currency: native amounts at
    /// full precision and their conversion at the month-end rate <c>r_m</c> (1 for the reporting currency).
    /// </summary>
    /// <remarks>Parts are ordered by currency code, then plan, then product (ordinal, null first).</remarks>
    /// <exception cref="MissingExchangeRateException">A currency in use has no rate on or before the month's end.</exception>
    public IReadOnlyDictionary<string, IReadOnlyList<MrrPart>> CustomerPartsAt(BillingMonth month, ExchangeRateTable rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        using var activity = ActivityAt(month);
        var monthRates = new MonthRates(rates, Settings.ReportingCurrency, month, _parts.Currencies);
        var parts = new Dictionary<string, IReadOnlyList<MrrPart>>(activity.Customers.Length, StringComparer.Ordinal);
        foreach (var customer in activity.Customers)
        {
            if (customer.PartCount > 0)
            {
                parts.Add(customer.CustomerId, monthRates.Convert(activity.PartsOf(customer), _parts, out _));
            }
        }

        return parts;
    }

    /// <summary>The native currencies of the MRR that counts at <c>T_m</c>: the rates the month end needs for the ledger's side.</summary>
    public IReadOnlyList<CurrencyCode> CurrenciesAt(BillingMonth month)
    {
        var currencies = _parts.Currencies;
        if (currencies.Length == 0 || (currencies.Length == 1 && currencies[0] == Settings.ReportingCurrency))
        {
            return currencies;
        }

        var used = new bool[currencies.Length];
        var segments = _segments.Segments;
        foreach (var segment in _segments.CountingIn(MonthNumbering.Of(month)))
        {
            used[_parts.CurrencyIndexes[segments[segment].Part]] = true;
        }

        return [.. currencies.Where((_, index) => used[index])];
    }

    /// <summary>
    /// Customers with a recurring or proration line (net &gt; 0, not void, draft or canceled) whose service starts
    /// inside <paramref name="month"/>, that is in <c>(T_{m−1}, T_m]</c>.
    /// </summary>
    /// <remarks>Refunded and unpaid lines are included: this tells "subscribed and churned" customers apart.</remarks>
    public IReadOnlySet<string> CustomersStartingIn(BillingMonth month)
    {
        var customers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var customer in StartsIn(MonthNumbering.Of(month)))
        {
            customers.Add(_customerIds[customer]);
        }

        return customers;
    }

    /// <summary>Whether the customer's MRR at <c>T_m</c> would be &gt; 0 if unpaid invoices never became delinquent.</summary>
    /// <remarks>A churn for which this is true is delinquent churn (METRICS.md §1, Documents).</remarks>
    public bool HasMrrIgnoringDelinquency(string customerId, BillingMonth month)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (!_customerNumbers.TryGetValue(customerId, out var customer))
        {
            return false;
        }

        var number = MonthNumbering.Of(month);
        if (HasSegmentIn(customer, number))
        {
            return true;
        }

        if (_unpaid.TryGetValue(customer, out var ranges))
        {
            foreach (var (from, to) in ranges)
            {
                if (from <= number && number < to)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the customer is paused at <c>T_m</c>: a <see cref="LineType.Pause"/> line covers it and nothing paid does.</summary>
    /// <remarks>
    /// METRICS.md §2: a paused customer has MRR 0 but is not churned; entering the pause is Contraction, resuming is
    /// Expansion. A pause marker only matters when no recurring line of the customer counts at <c>T_m</c>.
    /// </remarks>
    public bool IsPausedAt(string customerId, BillingMonth month)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var number = MonthNumbering.Of(month);
        if (!PauseCovers(customerId, number))
        {
            return false;
        }

        if (!_customerNumbers.TryGetValue(customerId, out var customer))
        {
            return true;
        }

        return !HasSegmentIn(customer, number);
    }

    /// <summary>Whether a line of the customer counts at <c>T_m</c>: one of its subscriptions has a segment in the month.</summary>
    /// <remarks>A line that counts makes its subscription's segment, and a segment is only made while a line counts.</remarks>
    private bool HasSegmentIn(int customer, int month)
    {
        var counting = _segments.CountingIn(month);
        var segments = _segments.Segments;
        var (low, high) = (0, counting.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            (low, high) = segments[counting[middle]].Customer < customer ? (middle + 1, high) : (low, middle);
        }

        return low < counting.Length && segments[counting[low]].Customer == customer;
    }

    /// <summary>Whether a pause marker of the customer covers <c>T_m</c> (month number), whatever else counts.</summary>
    internal bool PauseCovers(string customerId, int month)
    {
        if (_pauses.Count == 0 || !_pauses.TryGetValue(customerId, out var ranges))
        {
            return false;
        }

        foreach (var (from, to) in ranges)
        {
            if (from <= month && month < to)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The line's normalised monthly amount, prorated when its period is shorter than its interval.</summary>
    /// <returns>Null when the line can never count for MRR (type, net ≤ 0, document status, empty period, no interval).</returns>
    /// <remarks>
    /// Proration applies only to an invoice line with a given (not inferred) interval and a finite end; a synthetic
    /// snapshot line is the subscription's whole active window, never a partial period. The full period is
    /// <c>[interval before end, end)</c> and the amount is scaled by full ÷ line length. Lengths are wall-clock
    /// differences in <paramref name="timeZone"/>, so a DST change does not turn 31 days into 30.96.
    /// </remarks>
    public static decimal? MonthlyAmount(RevenueLine line, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(timeZone);
        return MonthlyAmount(LineFacts.Of(line), timeZone);
    }

    /// <summary>The rule of <see cref="MonthlyAmount(RevenueLine, TimeZoneInfo)"/> on what the engine reads of a line.</summary>
    internal static decimal? MonthlyAmount(in LineFacts line, TimeZoneInfo timeZone)
    {
        if (!IsEligibleByType(line) || line.ServiceEnd <= line.ServiceStart)
        {
            return null;
        }

        var monthly = line.Interval switch
        {
            { } given when !line.IntervalInferred && line.Origin == LineOrigin.InvoiceLine => Prorated(line, given, timeZone),
            { } inferred => inferred.ToMonthly(line.Net),
            null => Inferred(line, timeZone),
        };
        return monthly > 0m ? monthly : null;
    }

    /// <summary>
    /// Every customer with MRR &gt; 0 at <c>T_m</c> or a line starting in the month, in ordinal id order, with native
    /// parts: what the close merges with the opening snapshot. Also the month's committed MRR per currency.
    /// </summary>
    /// <remarks>The caller disposes the result, which returns its pooled buffers.</remarks>
    internal MonthActivity ActivityAt(BillingMonth month)
    {
        var number = MonthNumbering.Of(month);
        var counting = _segments.CountingIn(number);
        var starts = StartsIn(number);
        var activity = new MonthActivity(_parts, counting.Length + starts.Length, counting.Length);
        var nextStart = 0;
        for (var index = 0; index < counting.Length;)
        {
            var customer = _segments.Segments[counting[index]].Customer;
            while (nextStart < starts.Length && starts[nextStart] < customer)
            {
                activity.EndCustomer(_customerIds[starts[nextStart++]], startedInMonth: true);
            }

            AddPartsOfCustomer(activity, counting, ref index, number);
            var started = nextStart < starts.Length && starts[nextStart] == customer;
            nextStart += started ? 1 : 0;
            activity.EndCustomer(_customerIds[customer], started);
        }

        foreach (var customer in starts[nextStart..])
        {
            activity.EndCustomer(_customerIds[customer], startedInMonth: true);
        }

        _committed.AddChangesAfter(number, activity.CommittedNative);
        return activity;
    }

    /// <summary>Adds the run of segments of one customer starting at <paramref name="index"/> and moves past it.</summary>
    /// <remarks>
    /// Spans list segments in customer order (<see cref="LedgerCoverage.Complete"/>), so a customer's run is adjacent.
    /// A segment whose subscription changes after the month counts in CMRR through <see cref="CommittedRevenue"/> instead.
    /// </remarks>
    private void AddPartsOfCustomer(MonthActivity activity, ReadOnlySpan<int> counting, ref int index, int month)
    {
        var segments = _segments.Segments;
        var customer = segments[counting[index]].Customer;
        var committed = activity.CommittedNative;
        for (; index < counting.Length && segments[counting[index]].Customer == customer; index++)
        {
            ref readonly var segment = ref segments[counting[index]];
            activity.AddPart(segment.Part, segment.Amount);
            if (!_committed.ChangesAfter(segment.Subscription, month))
            {
                committed[_parts.CurrencyIndexes[segment.Part]] += segment.Amount;
            }
        }
    }

    private ReadOnlySpan<int> StartsIn(int month) =>
        _customersByStartMonth.TryGetValue(month, out var customers) ? customers : [];

    /// <summary>Recurring or proration, net &gt; 0, and not on a void, draft or canceled document.</summary>
    internal static bool IsEligibleByType(in LineFacts line) =>
        line.LineType is LineType.Recurring or LineType.Proration
        && line.Net > 0m
        && line.Status is not (DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled);

    private static decimal? Inferred(in LineFacts line, TimeZoneInfo timeZone) =>
        line.ServiceEnd is { } end && BillingInterval.TryInfer(line.ServiceStart, end, timeZone, out var interval)
            ? interval.ToMonthly(line.Net)
            : null;

    private static decimal Prorated(in LineFacts line, BillingInterval interval, TimeZoneInfo timeZone)
    {
        var monthly = interval.ToMonthly(line.Net);
        if (line.ServiceEnd is not { } end)
        {
            return monthly;
        }

        var localEnd = TimeZoneInfo.ConvertTime(end, timeZone).DateTime;
        var lineTicks = (localEnd - TimeZoneInfo.ConvertTime(line.ServiceStart, timeZone).DateTime).Ticks;
        var fullTicks = (localEnd - interval.SubtractFrom(localEnd)).Ticks;
        if (lineTicks <= 0 || lineTicks >= fullTicks)
        {
            return monthly;
        }

        // Reduce the ratio first: 31 days ÷ 10 days is 31/10, and the product stays far from decimal's limits.
        var divisor = GreatestCommonDivisor(fullTicks, lineTicks);
        return monthly * (fullTicks / divisor) / (lineTicks / divisor);
    }

    private static long GreatestCommonDivisor(long left, long right)
    {
        while (right != 0)
        {
            (left, right) = (right, left % right);
        }

        return left;
    }
}
