using System.Runtime.InteropServices;

namespace Pipeline.Domain.Metrics;

/// <summary>Reads a ledger once and keeps, per MRR-eligible line, the months it counts in and its monthly amount.</summary>
/// <remarks>
/// This is the constructor work of <see cref="MonthlyRecurringRevenue"/>: every rule that depends only on the line
/// (type, net, document status, interval, proration, refund date, proration credit, delinquency limit) is applied here, once, and
/// turned into month numbers. Customers, subscriptions and parts (plan, product, currency) get dense numbers so that
/// later steps use arrays; <see cref="Complete"/> renumbers customers in ordinal id order, so month results come out
/// sorted for free, and parts in canonical order. Lines may be in any currency: amounts stay native here.
/// Storage is sized for the whole ledger up front (<paramref name="ledgerSize"/> lines): growing million-entry
/// lists by doubling would copy them several times. A horizon measures the month containing it at the horizon
/// (<see cref="MonthNumbering"/>).
/// </remarks>
internal sealed class LedgerCoverage(MetricSettings settings, int ledgerSize, DateTimeOffset? horizon = null)
{
    private readonly MonthNumbering _months = new(settings.BusinessTimeZone, horizon);
    private readonly Dictionary<(int Customer, string? Subscription, string? Plan), int> _subscriptionNumbers = [];
    private readonly Dictionary<(int Customer, int Subscription, int Plan), int> _pooledSubscriptionNumbers = [];
    private readonly List<int> _numbersByPoolKey = [];
    private readonly List<string> _idsByNumber = [];
    private readonly List<int> _subscriptionCustomers = [];
    private readonly Dictionary<int, List<int>> _startsByMonth = [];
    private readonly LineCoverage[] _lines = new LineCoverage[ledgerSize];
    private readonly List<int> _lineCustomers = new(ledgerSize);
    private readonly List<int> _lineSubscriptions = new(ledgerSize);

    /// <summary>The (plan, product, currency) keys of the lines, ranked canonically by <see cref="Complete"/>.</summary>
    public MrrPartCatalog Parts { get; } = new();

    /// <summary>Customer ids by customer number (ordinal order once <see cref="Complete"/> has run).</summary>
    public string[] CustomerIds { get; private set; } = [];

    /// <summary>Customer numbers by customer id (ordinal).</summary>
    public Dictionary<string, int> CustomerNumbers { get; } = new(StringComparer.Ordinal);

    /// <summary>Per month number, the customers (ascending, distinct) with an eligible-by-type line starting in it.</summary>
    public Dictionary<int, int[]> CustomersByStartMonth { get; } = [];

    /// <summary>Per customer id, the month ranges <c>[from, to)</c> whose <c>T_m</c> a <see cref="LineType.Pause"/> line covers.</summary>
    public Dictionary<string, List<(int From, int To)>> Pauses { get; } = new(StringComparer.Ordinal);

    /// <summary>The eligible lines by line number; entries past the last line number are unused.</summary>
    public LineCoverage[] Lines => _lines;

    /// <summary>
    /// Per customer number, the months <c>[first, end)</c> in which an unpaid line would count if it never became
    /// delinquent, for the lines it stops counting in earlier (<see cref="MonthlyRecurringRevenue.HasMrrIgnoringDelinquency"/>).
    /// </summary>
    public Dictionary<int, List<(int From, int To)>> UnpaidCoverage()
    {
        var unpaid = new Dictionary<int, List<(int From, int To)>>();
        for (var line = 0; line < _lineCustomers.Count; line++)
        {
            ref readonly var coverage = ref _lines[line];
            if (coverage.EndMonthIgnoringDelinquency > coverage.EndMonth)
            {
                ref var ranges = ref CollectionsMarshal.GetValueRefOrAddDefault(unpaid, coverage.Customer, out _);
                ranges ??= [];
                ranges.Add((coverage.FirstMonth, coverage.EndMonthIgnoringDelinquency));
            }
        }

        return unpaid;
    }

    /// <summary>Lines per subscription, subscriptions in customer order; lines that never count are left out.</summary>
    public IndexBuckets LinesBySubscription() => new(CollectionsMarshal.AsSpan(_lineSubscriptions), _subscriptionCustomers.Count);

    public void Add(in LineFacts line, int source)
    {
        if (line.LineType == LineType.Pause)
        {
            AddPause(line);
            return;
        }

        if (!MonthlyRecurringRevenue.IsEligibleByType(line))
        {
            return;
        }

        var customer = CustomerNumber(line.CustomerId, line.PoolKeys);
        var firstMonth = _months.Containing(line.ServiceStart);
        RecordStart(firstMonth, customer);
        if (MonthlyRecurringRevenue.MonthlyAmount(line, settings.BusinessTimeZone) is not { } monthly)
        {
            return;
        }

        var coverage = Cover(line, source, customer, Parts.Number(line.Plan, line.Product, line.Currency), monthly, firstMonth);
        if (coverage.EndMonthIgnoringDelinquency > firstMonth)
        {
            _lines[_lineCustomers.Count] = coverage;
            _lineCustomers.Add(customer);
            // The key lines supersede each other under (RevenueLine.SubscriptionKey): the subscription, else customer and plan.
            _lineSubscriptions.Add(coverage.EndMonth > firstMonth ? SubscriptionNumber(customer, line) : -1);
        }
    }

    /// <summary>Renumbers customers in ordinal id order and subscriptions in customer order, after the last line.</summary>
    public void Complete()
    {
        var ranks = new CustomerRanking(_idsByNumber);
        CustomerIds = ranks.OrderedIds;
        for (var rank = 0; rank < CustomerIds.Length; rank++)
        {
            CustomerNumbers[CustomerIds[rank]] = rank;
        }

        var partRanks = Parts.Complete();
        var lineCustomers = CollectionsMarshal.AsSpan(_lineCustomers);
        for (var line = 0; line < lineCustomers.Length; line++)
        {
            lineCustomers[line] = ranks[lineCustomers[line]];
            _lines[line] = _lines[line] with { Customer = lineCustomers[line], Part = partRanks[_lines[line].Part] };
        }

        RankSubscriptions(ranks);
        foreach (var (month, customers) in _startsByMonth)
        {
            CustomersByStartMonth[month] = SortedDistinct(customers, ranks);
        }
    }

    private static int[] SortedDistinct(List<int> customers, CustomerRanking ranks)
    {
        var ranked = new int[customers.Count];
        for (var index = 0; index < ranked.Length; index++)
        {
            ranked[index] = ranks[customers[index]];
        }

        Array.Sort(ranked);
        var distinct = 0;
        foreach (var rank in ranked)
        {
            if (distinct == 0 || ranked[distinct - 1] != rank)
            {
                ranked[distinct++] = rank;
            }
        }

        return ranked[..distinct];
    }

    private void RankSubscriptions(CustomerRanking ranks)
    {
        var customerOrder = _subscriptionCustomers.Select(customer => ranks[customer]).ToArray();
        var subscriptions = Enumerable.Range(0, customerOrder.Length).ToArray();
        Array.Sort(customerOrder, subscriptions);
        var subscriptionRanks = new int[subscriptions.Length];
        for (var rank = 0; rank < subscriptions.Length; rank++)
        {
            subscriptionRanks[subscriptions[rank]] = rank;
        }

        var lineSubscriptions = CollectionsMarshal.AsSpan(_lineSubscriptions);
        for (var line = 0; line < lineSubscriptions.Length; line++)
        {
            lineSubscriptions[line] = lineSubscriptions[line] < 0 ? -1 : subscriptionRanks[lineSubscriptions[line]];
        }
    }

    private LineCoverage Cover(in LineFacts line, int source, int customer, int part, decimal monthly, int firstMonth)
    {
        // An exclusive bound X maps to the first month m with X ≤ T_m: every earlier month ends before X.
        var end = line.ServiceEnd is { } serviceEnd ? _months.Containing(serviceEnd) : int.MaxValue;
        if (line.CreditedFrom is { } creditedFrom)
        {
            end = Math.Min(end, _months.Containing(creditedFrom));
        }

        if (line.Status == DocumentStatus.Refunded)
        {
            // A refund without a date cannot be placed in time, so the line is treated as refunded from its start.
            end = line.RefundedAt is { } refundedAt ? Math.Min(end, _months.Containing(refundedAt)) : firstMonth;
        }

        var paidEnd = end;
        if (line.Status is DocumentStatus.Open or DocumentStatus.PastDue or DocumentStatus.Uncollectible)
        {
            // The line counts while T_m ≤ limit, that is T_m < limit + 1 tick.
            paidEnd = Math.Min(end, _months.Containing(DelinquencyLimit(line).AddTicks(1)));
        }

        var issuedTicks = line.IssuedAt?.UtcTicks ?? long.MinValue;
        var cancelKnownFrom = !line.CancelsAtEnd ? int.MaxValue
            : line.CancellationRequestedAt is { } requested ? _months.Containing(requested) : int.MinValue;
        var knownFrom = line.IssuedAt is { } issued ? _months.Containing(issued)
            : line.SnapshotTakenAt is { } taken ? _months.Containing(taken)
            : firstMonth;
        return new LineCoverage(customer, part, monthly, firstMonth, paidEnd, end, line.ServiceStart.UtcTicks, issuedTicks, source,
            cancelKnownFrom, knownFrom);
    }

    /// <summary>Records the months a pause marker covers (void, draft and canceled markers never do).</summary>
    private void AddPause(in LineFacts line)
    {
        if (line.Status is DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled)
        {
            return;
        }

        var from = _months.Containing(line.ServiceStart);
        var to = line.ServiceEnd is { } end ? _months.Containing(end) : int.MaxValue;
        if (to <= from)
        {
            return;
        }

        ref var ranges = ref CollectionsMarshal.GetValueRefOrAddDefault(Pauses, line.CustomerId, out _);
        ranges ??= [];
        ranges.Add((from, to));
    }

    private DateTimeOffset DelinquencyLimit(in LineFacts line) =>
        (line.DueAt ?? line.IssuedAt ?? line.ServiceStart).AddDays(settings.DelinquencyDays);

    /// <summary>The customer's number; a pooled row finds it by its pool number, hashing the id only the first time.</summary>
    private int CustomerNumber(string customerId, LinePoolKeys keys)
    {
        if (!keys.Pooled)
        {
            return CustomerNumber(customerId);
        }

        while (_numbersByPoolKey.Count <= keys.Customer)
        {
            _numbersByPoolKey.Add(-1);
        }

        var known = _numbersByPoolKey[keys.Customer];
        return known >= 0 ? known : _numbersByPoolKey[keys.Customer] = CustomerNumber(customerId);
    }

    private int CustomerNumber(string customerId)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(CustomerNumbers, customerId, out var exists);
        if (!exists)
        {
            number = _idsByNumber.Count;
            _idsByNumber.Add(customerId);
        }

        return number;
    }

    /// <summary>The number of the key lines supersede each other under (<see cref="RevenueLine.SubscriptionKey"/>): the subscription, else customer and plan.</summary>
    private int SubscriptionNumber(int customer, in LineFacts line)
    {
        var keys = line.PoolKeys;
        if (keys.Pooled)
        {
            return SubscriptionNumber(
                ref CollectionsMarshal.GetValueRefOrAddDefault(
                    _pooledSubscriptionNumbers, (customer, keys.Subscription, keys.Subscription < 0 ? keys.Plan : -1), out var pooledExists),
                pooledExists,
                customer);
        }

        var key = (customer, line.SubscriptionId, line.SubscriptionId is null ? line.Plan : null);
        return SubscriptionNumber(ref CollectionsMarshal.GetValueRefOrAddDefault(_subscriptionNumbers, key, out var exists), exists, customer);
    }

    private int SubscriptionNumber(ref int number, bool exists, int customer)
    {
        if (!exists)
        {
            number = _subscriptionCustomers.Count;
            _subscriptionCustomers.Add(customer);
        }

        return number;
    }

    private void RecordStart(int month, int customer)
    {
        ref var customers = ref CollectionsMarshal.GetValueRefOrAddDefault(_startsByMonth, month, out _);
        customers ??= [];
        customers.Add(customer);
    }
}
