using System.Collections.Concurrent;
using Pipeline.Application.Closes;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Domain.Clv;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Clv;

/// <summary>Builds a tenant's <see cref="SubscriberBase"/> from its ledger: the tenures, groups and sBG fits every contractual CLV figure starts from.</summary>
/// <remarks>
/// <para>
/// Computed on each read, never stored: the fit depends on <c>asOf</c> and the grouping. A subscriber's tenure starts in
/// the month of its first recurring line that can count (not void, draft or canceled, net above 0), on that line's
/// billing period (a month or more; weekly and daily billing renew inside a month and count as monthly), and ends at the
/// first later month end without MRR (<see cref="SubscriberTenure"/>); the MRR engine (<see cref="MonthlyRecurringRevenue"/>,
/// the tenant's settings) says which month ends have MRR.
/// </para>
/// <para>
/// A customer is in one group of a dimension: plan, product and currency are those of its first recurring line (what
/// it was acquired on), country, channel and segment its master data, cohort its start month.
/// </para>
/// </remarks>
public sealed class SubscriberBaseReader(ClosedMonthLedgers ledgers, KpiQueryService kpis, TenantSettings settings)
{
    /// <summary>The dimension of the one group without <c>by=</c>, and its segment.</summary>
    public const string All = "all";

    /// <summary>The start month of a subscriber's tenure as a dimension.</summary>
    public const string Cohort = "cohort";

    /// <summary>The dimensions <c>by=</c> accepts.</summary>
    public static IReadOnlyList<string> Dimensions { get; } =
    [
        SegmentDimensions.Plan, SegmentDimensions.Product, SegmentDimensions.Currency, SegmentDimensions.Country,
        SegmentDimensions.Channel, SegmentDimensions.Segment, Cohort,
    ];

    /// <summary>Reads the ledger (as <c>asOf</c>'s close read it when the month is closed, <see cref="ClosedMonthLedgers"/>) and builds the base; null for an unknown tenant.</summary>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="Dimensions"/>.</exception>
    /// <exception cref="MissingExchangeRateException">MRR in another currency has no rate for a month end that is needed.</exception>
    /// <exception cref="CloseVersionUnavailableException"><paramref name="version"/> is not a close version that can be read.</exception>
    public async Task<SubscriberBase?> ReadAsync(
        TenantId tenant, BillingMonth asOf, string? dimension, CancellationToken cancellationToken, int? version = null)
    {
        CheckDimension(dimension);
        if (!await kpis.TenantExistsAsync(tenant, cancellationToken))
        {
            return null;
        }

        var (ledger, closeVersion) = await ledgers.ReadAsync(tenant, asOf, cancellationToken, version);
        return Build(tenant, ledger, asOf, dimension) with { CloseVersion = closeVersion };
    }

    /// <summary>The base of a ledger already read.</summary>
    /// <param name="tenant">The tenant (its settings).</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="asOf">The month whose end renewals are observed to.</param>
    /// <param name="dimension">The grouping; null for one group.</param>
    /// <param name="monthEnds">
    /// Every customer's MRR at month ends of this ledger already found, by month, filled with those found here: a caller
    /// building the base at many month ends of one ledger finds each month end's MRR once.
    /// </param>
    public SubscriberBase Build(
        TenantId tenant, TenantLedger ledger, BillingMonth asOf, string? dimension,
        ConcurrentDictionary<BillingMonth, IReadOnlyDictionary<string, decimal>>? monthEnds = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        CheckDimension(dimension);
        var metrics = settings.For(tenant).Metrics;
        var firstLines = FirstLines(ledger, metrics.BusinessTimeZone, asOf);
        var rates = new ExchangeRateTable(ledger.Rates);
        var first = firstLines.Count == 0 ? asOf : BillingMonth.Containing(firstLines.Values.Min(line => line.ServiceStart), metrics.BusinessTimeZone);
        var mrr = new Dictionary<BillingMonth, IReadOnlyDictionary<string, decimal>>();
        for (var month = first <= asOf ? first : asOf; month <= asOf; month = month.Next())
        {
            if (monthEnds is null || !monthEnds.TryGetValue(month, out var known))
            {
                known = ledger.Revenue(metrics).CustomerMrrAt(month, rates);
                monthEnds?.TryAdd(month, known);
            }

            mrr[month] = known;
        }

        var subscribers = firstLines.Values.Select(line => Subscriber(line, metrics.BusinessTimeZone, asOf, mrr));
        var groups = subscribers
            .GroupBy(subscriber => (
                Segment: ClvSegments.Of(dimension, subscriber.FirstLine, subscriber.Start, ledger.Customers.GetValueOrDefault(subscriber.CustomerId)),
                subscriber.PeriodMonths))
            .OrderBy(group => group.Key.Segment, StringComparer.Ordinal)
            .ThenBy(group => group.Key.PeriodMonths)
            .Select(group =>
            {
                List<Subscriber> members = [.. group.OrderBy(member => member.CustomerId, StringComparer.Ordinal)];
                var cohorts = RenewalCohorts.From(members.Select(member => member.ToTenure()), asOf);
                var fit = RetentionFit.Fit([.. cohorts.Select(cohort => cohort.Survivors)]);
                return new SubscriberGroup(dimension ?? All, group.Key.Segment, group.Key.PeriodMonths, fit, members);
            })
            .ToList();
        return new SubscriberBase(asOf, metrics.ReportingCurrency, ledger, mrr[asOf], groups);
    }

    /// <summary>Throws for a dimension that is not one of <see cref="Dimensions"/>.</summary>
    internal static void CheckDimension(string? dimension)
    {
        if (dimension is not null && !Dimensions.Contains(dimension, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{dimension}' is not a CLV dimension.", nameof(dimension));
        }
    }

    /// <summary>Each customer's first recurring line that can count, starting by the end of <paramref name="asOf"/>.</summary>
    private static Dictionary<string, RevenueLine> FirstLines(TenantLedger ledger, TimeZoneInfo timeZone, BillingMonth asOf)
    {
        var end = asOf.EndInstant(timeZone);
        var firstLines = new Dictionary<string, RevenueLine>(StringComparer.Ordinal);
        foreach (var line in ledger.Lines)
        {
            if (line.LineType != LineType.Recurring || line.Interval is null || line.Net <= 0m || line.ServiceStart > end
                || line.Status is DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled)
            {
                continue;
            }

            // The earliest start wins; on a tie the earlier source position.
            if (!firstLines.TryGetValue(line.CustomerId, out var earlier) || line.ServiceStart < earlier.ServiceStart)
            {
                firstLines[line.CustomerId] = line;
            }
        }

        return firstLines;
    }

    private static Subscriber Subscriber(
        RevenueLine line, TimeZoneInfo timeZone, BillingMonth asOf, Dictionary<BillingMonth, IReadOnlyDictionary<string, decimal>> mrr)
    {
        var start = BillingMonth.Containing(line.ServiceStart, timeZone);
        BillingMonth? firstUnpaid = null;
        for (var month = start.Next(); month <= asOf; month = month.Next())
        {
            if (!mrr[month].ContainsKey(line.CustomerId))
            {
                firstUnpaid = month;
                break;
            }
        }

        return new Subscriber(
            line.CustomerId, start, PeriodMonths(line.Interval!.Value), line, firstUnpaid,
            mrr[start].GetValueOrDefault(line.CustomerId), mrr[asOf].GetValueOrDefault(line.CustomerId));
    }

    /// <summary>Months per renewal: months and years as billed; weekly and daily billing renew within a month and count as monthly.</summary>
    private static int PeriodMonths(BillingInterval interval) => interval.Unit switch
    {
        IntervalUnit.Month => interval.Count,
        IntervalUnit.Year => 12 * interval.Count,
        _ => 1,
    };
}
