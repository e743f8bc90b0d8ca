using System.Globalization;
using System.Runtime.InteropServices;

namespace Pipeline.Domain.Metrics;

/// <summary>Reads a ledger once and keeps, per MRR-eligible line, the months it counts in and its monthly amount.</summary>
/// <remarks>
/// This is the constructor work of <see cref="MonthlyRecurringRevenue"/>: every rule that depends only on the line
/// (type, net, document status, interval, proration, refund date, delinquency limit) is applied here, once, and
/// turned into month numbers. Customers and subscriptions get dense numbers so that later steps use arrays.
/// </remarks>
internal sealed class LedgerCoverage(MetricSettings settings)
{
    private readonly MonthNumbering _months = new(settings.BusinessTimeZone);
    private readonly Dictionary<(int Customer, string Key), int> _subscriptionNumbers = [];
    private readonly List<LineCoverage> _lines = [];
    private readonly List<int> _lineCustomers = [];
    private readonly List<int> _lineSubscriptions = [];

    /// <summary>Customer ids by customer number.</summary>
    public List<string> CustomerIds { get; } = [];

    /// <summary>Customer numbers by customer id (ordinal).</summary>
    public Dictionary<string, int> CustomerNumbers { get; } = new(StringComparer.Ordinal);

    /// <summary>Per month number, the customers with an eligible-by-type line whose service starts in that month.</summary>
    public Dictionary<int, List<int>> CustomersByStartMonth { get; } = [];

    public LineCoverage[] Lines => [.. _lines];

    public IndexBuckets LinesByCustomer() => new(CollectionsMarshal.AsSpan(_lineCustomers), CustomerIds.Count);

    /// <summary>Lines grouped by subscription; lines that never count (delinquent from the start) are left out.</summary>
    public IndexBuckets LinesBySubscription() => new(CollectionsMarshal.AsSpan(_lineSubscriptions), _subscriptionNumbers.Count);

    public void Add(RevenueLine line, int source)
    {
        ArgumentNullException.ThrowIfNull(line);
        EnsureReportingCurrency(line);
        if (!MonthlyRecurringRevenue.IsEligibleByType(line))
        {
            return;
        }

        var customer = CustomerNumber(line.CustomerId);
        var firstMonth = _months.Containing(line.ServiceStart);
        RecordStart(firstMonth, customer);
        if (MonthlyRecurringRevenue.MonthlyAmount(line, settings.BusinessTimeZone) is not { } monthly)
        {
            return;
        }

        var coverage = Cover(line, source, customer, monthly, firstMonth);
        if (coverage.EndMonthIgnoringDelinquency > firstMonth)
        {
            _lines.Add(coverage);
            _lineCustomers.Add(customer);
            _lineSubscriptions.Add(coverage.EndMonth > firstMonth ? SubscriptionNumber(customer, line.SubscriptionKey) : -1);
        }
    }

    private LineCoverage Cover(RevenueLine line, int source, int customer, decimal monthly, int firstMonth)
    {
        // An exclusive bound X maps to the first month m with X ≤ T_m: every earlier month ends before X.
        var end = line.ServiceEnd is { } serviceEnd ? _months.Containing(serviceEnd) : int.MaxValue;
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
        return new LineCoverage(customer, monthly, firstMonth, paidEnd, end, line.ServiceStart.UtcTicks, issuedTicks, source);
    }

    private DateTimeOffset DelinquencyLimit(RevenueLine line) =>
        (line.DueAt ?? line.IssuedAt ?? line.ServiceStart).AddDays(settings.DelinquencyDays);

    private void EnsureReportingCurrency(RevenueLine line)
    {
        if (line.Currency != settings.ReportingCurrency)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Revenue line '{line.LineKey}' (row {line.RowNumber}) is in {line.Currency}, but the reporting currency is {settings.ReportingCurrency}; ingestion must reject such lines."));
        }
    }

    private int CustomerNumber(string customerId)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(CustomerNumbers, customerId, out var exists);
        if (!exists)
        {
            number = CustomerIds.Count;
            CustomerIds.Add(customerId);
        }

        return number;
    }

    private int SubscriptionNumber(int customer, string key)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_subscriptionNumbers, (customer, key), out var exists);
        if (!exists)
        {
            number = _subscriptionNumbers.Count - 1;
        }

        return number;
    }

    private void RecordStart(int month, int customer)
    {
        ref var customers = ref CollectionsMarshal.GetValueRefOrAddDefault(CustomersByStartMonth, month, out _);
        customers ??= [];
        customers.Add(customer);
    }
}
