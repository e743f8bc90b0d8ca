namespace Pipeline.Domain.Metrics;

/// <summary>The MRR engine over one tenant's ledger: each customer's MRR at any month end <c>T_m</c>.</summary>
/// <remarks>
/// <para>
/// Implements METRICS.md §1. Only recurring and proration lines with a positive net count; void, draft and canceled
/// documents never do; a refunded line counts before its refund date; an open, past-due or uncollectible line counts
/// until <c>T_m</c> is more than <see cref="MetricSettings.DelinquencyDays"/> after its due date (else issue date,
/// else service start). Among the lines of one subscription that count at <c>T_m</c> the latest service start wins
/// (then the later issue date, then the later source position); a customer's subscriptions add up.
/// </para>
/// <para>
/// The ledger is indexed once in the constructor (amounts, month ranges, the winning line per subscription and
/// month), so a month query costs about the number of customers it returns, not the size of the ledger: the close
/// asks for every month of a tenant's history. Amounts are in the reporting currency at full decimal precision.
/// Instances are immutable after construction and safe to query from several threads.
/// </para>
/// </remarks>
public sealed class MonthlyRecurringRevenue
{
    private readonly string[] _customerIds;
    private readonly Dictionary<string, int> _customerNumbers;
    private readonly LineCoverage[] _lines;
    private readonly IndexBuckets _linesByCustomer;
    private readonly Dictionary<int, int[]> _customersByStartMonth;
    private readonly MonthSegmentIndex _segments;

    /// <param name="lines">The tenant's ledger in source order (the last supersede tie-breaker).</param>
    /// <param name="settings">Reporting currency, business time zone and delinquency limit.</param>
    /// <exception cref="InvalidOperationException">A line is not in the reporting currency.</exception>
    public MonthlyRecurringRevenue(IReadOnlyList<RevenueLine> lines, MetricSettings settings)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.DelinquencyDays);
        Settings = settings;
        var ledger = new LedgerCoverage(settings, lines.Count);
        for (var source = 0; source < lines.Count; source++)
        {
            ledger.Add(lines[source], source);
        }

        ledger.Complete();
        _customerIds = ledger.CustomerIds;
        _customerNumbers = ledger.CustomerNumbers;
        _lines = ledger.Lines;
        _linesByCustomer = ledger.LinesByCustomer();
        _customersByStartMonth = ledger.CustomersByStartMonth;
        _segments = new MonthSegmentIndex(SubscriptionTimeline.Build(_lines, ledger.LinesBySubscription()));
    }

    public MetricSettings Settings { get; }

    /// <summary>Every customer with MRR &gt; 0 at <c>T_m</c> of <paramref name="month"/>, with that MRR.</summary>
    public IReadOnlyDictionary<string, decimal> CustomerMrrAt(BillingMonth month)
    {
        var activity = ActivityAt(month);
        var mrr = new Dictionary<string, decimal>(activity.Count, StringComparer.Ordinal);
        foreach (var customer in activity)
        {
            if (customer.Mrr > 0m)
            {
                mrr.Add(customer.CustomerId, customer.Mrr);
            }
        }

        return mrr;
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
        foreach (var line in _linesByCustomer[customer])
        {
            if (_lines[line].CountsIgnoringDelinquencyIn(number))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The line's normalised monthly amount, prorated when its period is shorter than its interval.</summary>
    /// <returns>Null when the line can never count for MRR (type, net ≤ 0, document status, empty period, no interval).</returns>
    /// <remarks>
    /// Proration applies only to a given (not inferred) interval and a finite end: the full period is
    /// <c>[interval before end, end)</c> and the amount is scaled by full ÷ line length. Lengths are wall-clock
    /// differences in <paramref name="timeZone"/>, so a DST change does not turn 31 days into 30.96.
    /// </remarks>
    public static decimal? MonthlyAmount(RevenueLine line, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(timeZone);
        if (!IsEligibleByType(line) || line.ServiceEnd <= line.ServiceStart)
        {
            return null;
        }

        var monthly = line.Interval switch
        {
            { } given when !line.IntervalInferred => Prorated(line, given, timeZone),
            { } inferred => inferred.ToMonthly(line.Net),
            null => Inferred(line, timeZone),
        };
        return monthly > 0m ? monthly : null;
    }

    /// <summary>
    /// Every customer with MRR &gt; 0 at <c>T_m</c> or a line starting in the month, in ordinal id order: what the
    /// close merges with the opening snapshot.
    /// </summary>
    internal List<CustomerMonthActivity> ActivityAt(BillingMonth month)
    {
        var number = MonthNumbering.Of(month);
        var counting = _segments.CountingIn(number);
        var starts = StartsIn(number);
        var activity = new List<CustomerMonthActivity>(counting.Length + starts.Length);
        var nextStart = 0;
        for (var index = 0; index < counting.Length;)
        {
            var customer = _segments.Segments[counting[index]].Customer;
            var mrr = SumOfCustomer(counting, ref index);
            while (nextStart < starts.Length && starts[nextStart] < customer)
            {
                activity.Add(new(_customerIds[starts[nextStart++]], 0m, StartedInMonth: true));
            }

            var started = nextStart < starts.Length && starts[nextStart] == customer;
            nextStart += started ? 1 : 0;
            activity.Add(new(_customerIds[customer], mrr, started));
        }

        foreach (var customer in starts[nextStart..])
        {
            activity.Add(new(_customerIds[customer], 0m, StartedInMonth: true));
        }

        return activity;
    }

    /// <summary>Adds the run of segments of one customer starting at <paramref name="index"/> and moves past it.</summary>
    /// <remarks>Spans list segments in customer order (<see cref="LedgerCoverage.Complete"/>), so a customer's run is adjacent.</remarks>
    private decimal SumOfCustomer(ReadOnlySpan<int> counting, ref int index)
    {
        var segments = _segments.Segments;
        var customer = segments[counting[index]].Customer;
        var mrr = 0m;
        for (; index < counting.Length && segments[counting[index]].Customer == customer; index++)
        {
            mrr += segments[counting[index]].Amount;
        }

        return mrr;
    }

    private ReadOnlySpan<int> StartsIn(int month) =>
        _customersByStartMonth.TryGetValue(month, out var customers) ? customers : [];

    /// <summary>Recurring or proration, net &gt; 0, and not on a void, draft or canceled document.</summary>
    internal static bool IsEligibleByType(RevenueLine line) =>
        line.LineType is LineType.Recurring or LineType.Proration
        && line.Net > 0m
        && line.Status is not (DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled);

    private static decimal? Inferred(RevenueLine line, TimeZoneInfo timeZone) =>
        line.ServiceEnd is { } end && BillingInterval.TryInfer(line.ServiceStart, end, timeZone, out var interval)
            ? interval.ToMonthly(line.Net)
            : null;

    private static decimal Prorated(RevenueLine line, BillingInterval interval, TimeZoneInfo timeZone)
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
