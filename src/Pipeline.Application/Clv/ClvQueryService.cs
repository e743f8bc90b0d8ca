using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Domain.Clv;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Clv;

/// <summary>Model-based customer value of subscribers (sBG, METRICS.md §8): per group, per billing period, at a month end.</summary>
/// <remarks>
/// <para>
/// Computed on each read from the tenant's ledger, never stored: the fit depends on <c>asOf</c> and the grouping.
/// A subscriber's tenure starts in the month of its first recurring line that can count (not void, draft or canceled,
/// net above 0), on that line's billing period (a month or more; weekly and daily billing renew inside a month and
/// count as monthly), and ends at the first later month end without MRR (<see cref="SubscriberTenure"/>); the MRR
/// engine (<see cref="MonthlyRecurringRevenue"/>, the tenant's settings) says which month ends have MRR.
/// </para>
/// <para>
/// A customer is in one group of a dimension: plan, product and currency are those of its first recurring line (what
/// it was acquired on), country, channel and segment its master data, cohort its start month. The active customers
/// are those whose tenure runs through <c>asOf</c>; a customer who left and came back is not among them (the model
/// has no return). Per-period value = MRR at <c>asOf</c> (reporting currency) × months per period × gross margin.
/// </para>
/// </remarks>
public sealed class ClvQueryService(TenantLedgerReader ledgers, KpiQueryService kpis, TenantSettings settings, TimeProvider clock)
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

    /// <summary>The latest month that has ended for <paramref name="tenant"/>: the default <c>asOf</c>.</summary>
    public BillingMonth LatestEndedMonth(TenantId tenant) => settings.For(tenant).CurrentMonth(clock.GetUtcNow()).Previous();

    /// <summary>Whether <paramref name="month"/> has ended for <paramref name="tenant"/> (renewals are observed at month ends).</summary>
    public bool HasEnded(TenantId tenant, BillingMonth month) => settings.For(tenant).HasEnded(month, clock.GetUtcNow());

    /// <summary>The groups of <paramref name="dimension"/> (null for one overall group) at the end of <paramref name="asOf"/>; null for an unknown tenant.</summary>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="Dimensions"/>.</exception>
    /// <exception cref="MissingExchangeRateException">MRR in another currency has no rate for a month end that is needed.</exception>
    public async Task<ClvReport?> ComputeAsync(TenantId tenant, BillingMonth asOf, string? dimension, CancellationToken cancellationToken)
    {
        if (dimension is not null && !Dimensions.Contains(dimension, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{dimension}' is not a CLV dimension.", nameof(dimension));
        }

        if (!await kpis.TenantExistsAsync(tenant, cancellationToken))
        {
            return null;
        }

        var ledger = await ledgers.ReadAsync(tenant, cancellationToken);
        var metrics = settings.For(tenant).Metrics;
        var subscribers = Subscribers(ledger, metrics.BusinessTimeZone, asOf);
        var cac = await CacAsync(tenant, asOf, dimension, cancellationToken);
        var groups = new List<ClvGroup>();
        if (subscribers.Count > 0)
        {
            var revenue = new MonthlyRecurringRevenue(ledger.Lines, metrics);
            var rates = new ExchangeRateTable(ledger.Rates);
            var first = subscribers.Values.Min(subscriber => subscriber.Start);
            var mrr = new Dictionary<BillingMonth, IReadOnlyDictionary<string, decimal>>();
            for (var month = first; month <= asOf; month = month.Next())
            {
                mrr[month] = revenue.CustomerMrrAt(month, rates);
            }

            var tenures = subscribers.Values.Select(subscriber => new Tenure(subscriber, Tenure.FirstUnpaid(subscriber, asOf, mrr)));
            foreach (var group in tenures
                .GroupBy(tenure => (Segment: SegmentOf(tenure.Subscriber, dimension, ledger.Customers), tenure.Subscriber.PeriodMonths))
                .OrderBy(group => group.Key.Segment, StringComparer.Ordinal)
                .ThenBy(group => group.Key.PeriodMonths))
            {
                groups.Add(Value(
                    dimension ?? All, group.Key.Segment, group.Key.PeriodMonths, [.. group], asOf, mrr,
                    cac.TryGetValue(dimension is null ? All : group.Key.Segment, out var groupCac) ? groupCac : null));
            }
        }

        return new ClvReport(asOf, metrics.ReportingCurrency, groups);
    }

    /// <summary>One group's fit and values.</summary>
    private ClvGroup Value(
        string dimension, string segment, int periodMonths, List<Tenure> tenures, BillingMonth asOf,
        Dictionary<BillingMonth, IReadOnlyDictionary<string, decimal>> mrr, decimal? cac)
    {
        var cohorts = RenewalCohorts.From(tenures.Select(tenure => tenure.ToSubscriberTenure()), asOf);
        var fit = RetentionFit.Fit([.. cohorts.Select(cohort => cohort.Survivors)]);
        var active = tenures.Where(tenure => tenure.FirstUnpaidMonth is null).ToList();
        if (fit.Model is not { } model)
        {
            return new ClvGroup(dimension, segment, periodMonths, fit, active.Count, null, null, null, cac, settings.ClvDiscountRate);
        }

        var discount = ClvDiscount.PerPeriod(settings.ClvDiscountRate, periodMonths);
        var residual = active.Sum(tenure => model.ResidualValue(
            PerPeriodValue(mrr[asOf].GetValueOrDefault(tenure.Subscriber.CustomerId), periodMonths),
            asOf.MonthsSince(tenure.Subscriber.Start) / periodMonths,
            discount));
        var acquired = tenures
            .Select(tenure => mrr[tenure.Subscriber.Start].GetValueOrDefault(tenure.Subscriber.CustomerId))
            .Where(amount => amount > 0m)
            .ToList();
        decimal? atAcquisition = acquired.Count == 0
            ? null
            : model.ResidualValue(PerPeriodValue(acquired.Sum() / acquired.Count, periodMonths), renewals: 0, discount);
        return new ClvGroup(
            dimension, segment, periodMonths, fit, active.Count, residual, active.Count == 0 ? null : residual / active.Count,
            atAcquisition, cac, settings.ClvDiscountRate);
    }

    /// <summary>Per-period value = MRR × months per period × gross margin (METRICS.md §8).</summary>
    private decimal PerPeriodValue(decimal monthlyRevenue, int periodMonths) => monthlyRevenue * periodMonths * settings.GrossMargin;

    /// <summary>
    /// The group's CAC through <c>asOf</c>, pooled from the published KPI rows (METRICS.md §4): over every month up to
    /// <c>asOf</c> with a CAC, Σ CAC × new customers ÷ Σ new customers — the spend of those months over the customers
    /// they brought. The tenant rows' blended CAC for the overall group, each channel's CAC for <c>by=channel</c>; no other
    /// dimension has spend, so its groups have none. A group without any month with a CAC has none either.
    /// </summary>
    private async Task<Dictionary<string, decimal?>> CacAsync(
        TenantId tenant, BillingMonth asOf, string? dimension, CancellationToken cancellationToken)
    {
        var cac = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        if (dimension is null)
        {
            cac[All] = Pooled((await kpis.ListAsync(tenant, null, asOf, cancellationToken) ?? []).Select(row => row.Kpis));
        }
        else if (dimension == SegmentDimensions.Channel)
        {
            foreach (var channel in (await kpis.ListSegmentsAsync(tenant, dimension, null, asOf, cancellationToken) ?? [])
                .GroupBy(row => row.Segment.Value, StringComparer.Ordinal))
            {
                cac[channel.Key] = Pooled(channel.Select(row => row.Segment.Kpis));
            }
        }

        return cac;
    }

    /// <summary>Σ CAC × new customers ÷ Σ new customers over the months with a CAC; null without one.</summary>
    private static decimal? Pooled(IEnumerable<MonthlyKpis> months)
    {
        var (spend, customers) = (0m, 0);
        foreach (var month in months)
        {
            if (month.UnitEconomics?.Cac is { } cac && month.NewCustomers > 0)
            {
                spend += cac * month.NewCustomers;
                customers += month.NewCustomers;
            }
        }

        return customers == 0 ? null : spend / customers;
    }

    /// <summary>Each customer's first recurring line that can count, starting by the end of <paramref name="asOf"/>.</summary>
    private static Dictionary<string, Subscriber> Subscribers(TenantLedger ledger, TimeZoneInfo timeZone, BillingMonth asOf)
    {
        var end = asOf.EndInstant(timeZone);
        var subscribers = new Dictionary<string, Subscriber>(StringComparer.Ordinal);
        foreach (var line in ledger.Lines)
        {
            if (line.LineType != LineType.Recurring || line.Interval is not { } interval || line.Net <= 0m || line.ServiceStart > end
                || line.Status is DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled)
            {
                continue;
            }

            // The earliest start wins; on a tie the earlier source position.
            if (!subscribers.TryGetValue(line.CustomerId, out var earlier) || line.ServiceStart < earlier.Line.ServiceStart)
            {
                subscribers[line.CustomerId] = new Subscriber(
                    line.CustomerId, BillingMonth.Containing(line.ServiceStart, timeZone), PeriodMonths(interval), line);
            }
        }

        return subscribers;
    }

    /// <summary>Months per renewal: months and years as billed; weekly and daily billing renew within a month and count as monthly.</summary>
    private static int PeriodMonths(BillingInterval interval) => interval.Unit switch
    {
        IntervalUnit.Month => interval.Count,
        IntervalUnit.Year => 12 * interval.Count,
        _ => 1,
    };

    private static string SegmentOf(Subscriber subscriber, string? dimension, IReadOnlyDictionary<string, CustomerRecord> customers)
    {
        var customer = customers.GetValueOrDefault(subscriber.CustomerId);
        var value = dimension switch
        {
            null => All,
            SegmentDimensions.Plan => subscriber.Line.Plan,
            SegmentDimensions.Product => subscriber.Line.Product,
            SegmentDimensions.Currency => subscriber.Line.Currency.ToString(),
            SegmentDimensions.Country => customer?.Country,
            SegmentDimensions.Channel => customer?.Channel,
            SegmentDimensions.Segment => customer?.Segment,
            _ => subscriber.Start.ToString(),
        };
        return string.IsNullOrEmpty(value) ? SegmentDimensions.None : value;
    }

    /// <summary>A subscriber's start: the month and billing period of its first recurring line, and the line (its plan, product, currency).</summary>
    private sealed record Subscriber(string CustomerId, BillingMonth Start, int PeriodMonths, RevenueLine Line);

    /// <summary>A subscriber with the first month end after its start without MRR, up to <c>asOf</c>.</summary>
    private sealed record Tenure(Subscriber Subscriber, BillingMonth? FirstUnpaidMonth)
    {
        public static BillingMonth? FirstUnpaid(
            Subscriber subscriber, BillingMonth asOf, Dictionary<BillingMonth, IReadOnlyDictionary<string, decimal>> mrr)
        {
            for (var month = subscriber.Start.Next(); month <= asOf; month = month.Next())
            {
                if (!mrr[month].ContainsKey(subscriber.CustomerId))
                {
                    return month;
                }
            }

            return null;
        }

        public SubscriberTenure ToSubscriberTenure() =>
            new(Subscriber.CustomerId, Subscriber.Start, Subscriber.PeriodMonths, FirstUnpaidMonth);
    }
}
