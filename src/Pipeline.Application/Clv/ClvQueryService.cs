using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Clv;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Clv;

/// <summary>Model-based customer value of subscribers (sBG, METRICS.md §8): per group and billing period, and per future month.</summary>
/// <remarks>
/// Computed on each read from the tenant's ledger through <see cref="SubscriberBaseReader"/> (tenures, groups, fits).
/// The active customers are those whose tenure runs through <c>asOf</c>; a customer who left and came back is not among
/// them (the model has no return). Per-period value = MRR at <c>asOf</c> (reporting currency) × months per period × gross margin.
/// At the end of a closed month the groups are those of its close version's inputs; they are fitted at the first read of
/// that version and stored with it (<see cref="IClvFitStore"/>), so later reads of the version serve them as stored. Open
/// months are fitted on each read.
/// </remarks>
public sealed class ClvQueryService(
    SubscriberBaseReader subscribers, KpiQueryService kpis, TenantSettings settings, TimeProvider clock, ICloseLog closes, IClvFitStore fits)
{
    /// <summary>The dimension of the one group without <c>by=</c>, and its segment.</summary>
    public const string All = SubscriberBaseReader.All;

    /// <summary>The start month of a subscriber's tenure as a dimension.</summary>
    public const string Cohort = SubscriberBaseReader.Cohort;

    /// <summary>The longest forecast, in months (METRICS.md §8: the next 12, 24 or 36 months).</summary>
    public const int MaxForecastMonths = 36;

    /// <summary>The dimensions <c>by=</c> accepts.</summary>
    public static IReadOnlyList<string> Dimensions => SubscriberBaseReader.Dimensions;

    /// <summary>The latest month that has ended for <paramref name="tenant"/>: the default <c>asOf</c>.</summary>
    public BillingMonth LatestEndedMonth(TenantId tenant) => settings.For(tenant).CurrentMonth(clock.GetUtcNow()).Previous();

    /// <summary>Whether <paramref name="month"/> has ended for <paramref name="tenant"/> (renewals are observed at month ends).</summary>
    public bool HasEnded(TenantId tenant, BillingMonth month) => settings.For(tenant).HasEnded(month, clock.GetUtcNow());

    /// <summary>The groups of <paramref name="dimension"/> (null for one overall group) at the end of <paramref name="asOf"/>; null for an unknown tenant.</summary>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="Dimensions"/>.</exception>
    /// <exception cref="MissingExchangeRateException">MRR in another currency has no rate for a month end that is needed.</exception>
    /// <exception cref="CloseVersionUnavailableException"><paramref name="version"/> is not a close version that can be read.</exception>
    public async Task<ClvReport?> ComputeAsync(
        TenantId tenant, BillingMonth asOf, string? dimension, CancellationToken cancellationToken, int? version = null)
    {
        SubscriberBaseReader.CheckDimension(dimension);
        if (!await kpis.TenantExistsAsync(tenant, cancellationToken))
        {
            return null;
        }

        var closed = await ClosedVersionAsync(tenant, asOf, version, cancellationToken);
        if (closed is { } stored && await fits.FindAsync(tenant, asOf, stored, dimension, cancellationToken) is { } report)
        {
            return report;
        }

        var subscriberBase = await subscribers.ReadAsync(tenant, asOf, dimension, cancellationToken, version);
        if (subscriberBase is null)
        {
            return null;
        }

        var cac = await CacAsync(tenant, asOf, dimension, cancellationToken);
        var groups = subscriberBase.Groups
            .Select(group => Value(group, asOf, cac.TryGetValue(dimension is null ? All : group.Segment, out var groupCac) ? groupCac : null))
            .ToList();
        report = new ClvReport(asOf, subscriberBase.Currency, groups) { CloseVersion = subscriberBase.CloseVersion };
        if (closed is not null && report.CloseVersion == closed)
        {
            await fits.WriteAsync(tenant, dimension, report, cancellationToken);
        }

        return report;
    }

    /// <summary>
    /// The expected payments of each group's active customers in each of the <paramref name="months"/> months after
    /// <paramref name="asOf"/>, undiscounted and discounted (METRICS.md §8, per time unit); null for an unknown tenant.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="Dimensions"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is not 1 … <see cref="MaxForecastMonths"/>.</exception>
    /// <exception cref="MissingExchangeRateException">MRR in another currency has no rate for a month end that is needed.</exception>
    /// <exception cref="CloseVersionUnavailableException"><paramref name="version"/> is not a close version that can be read.</exception>
    public async Task<ClvForecast?> ForecastAsync(
        TenantId tenant, BillingMonth asOf, int months, string? dimension, CancellationToken cancellationToken, int? version = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, MaxForecastMonths);
        SubscriberBaseReader.CheckDimension(dimension);
        if (!await kpis.TenantExistsAsync(tenant, cancellationToken))
        {
            return null;
        }

        var closed = await ClosedVersionAsync(tenant, asOf, version, cancellationToken);
        if (closed is { } stored && await fits.FindForecastAsync(tenant, asOf, stored, dimension, cancellationToken) is { } found)
        {
            return FirstMonths(found, months);
        }

        var subscriberBase = await subscribers.ReadAsync(tenant, asOf, dimension, cancellationToken, version);
        if (subscriberBase is null)
        {
            return null;
        }

        // A closed version's forecast is computed and stored for the longest horizon; each month of it is computed on
        // its own, so a shorter one is its first months.
        var horizon = closed is not null && subscriberBase.CloseVersion == closed ? MaxForecastMonths : months;
        var forecast = new ClvForecast(
            asOf, subscriberBase.Currency, settings.ClvDiscountRate, [.. subscriberBase.Groups.Select(group => Forecast(group, asOf, horizon))])
        {
            CloseVersion = subscriberBase.CloseVersion,
        };
        if (horizon == MaxForecastMonths && closed is not null)
        {
            await fits.WriteForecastAsync(tenant, dimension, forecast, cancellationToken);
        }

        return FirstMonths(forecast, months);
    }

    /// <summary>
    /// The close version whose figures a read at <paramref name="asOf"/> gives: <paramref name="version"/> when <c>asOf</c>
    /// has it (closed, or reopened since), else the current one when <c>asOf</c> is closed; null for an open month or a
    /// version it never had (the read then fails or computes as before).
    /// </summary>
    private async Task<int?> ClosedVersionAsync(TenantId tenant, BillingMonth asOf, int? version, CancellationToken cancellationToken)
    {
        if (version is { } asked)
        {
            return (await closes.ListVersionsAsync(tenant, asOf, cancellationToken))
                .Any(record => record.Version == asked && record.Status is CloseStatus.Closed or CloseStatus.Reopened) ? asked : null;
        }

        return await closes.FindAsync(tenant, asOf, cancellationToken) is { Status: CloseStatus.Closed } close ? close.Version : null;
    }

    /// <summary>The forecast cut to its first <paramref name="months"/> months.</summary>
    private static ClvForecast FirstMonths(ClvForecast forecast, int months) =>
        forecast with { Groups = [.. forecast.Groups.Select(group => group with { Months = [.. group.Months.Take(months)] })] };

    /// <summary>One group's fit and values.</summary>
    private ClvGroup Value(SubscriberGroup group, BillingMonth asOf, decimal? cac)
    {
        var (fit, active) = (group.Fit, group.Active);
        if (fit.Model is not { } model)
        {
            return new ClvGroup(group.Dimension, group.Segment, group.PeriodMonths, fit, active.Count, null, null, null, cac, settings.ClvDiscountRate);
        }

        var discount = ClvDiscount.PerPeriod(settings.ClvDiscountRate, group.PeriodMonths);
        var residual = active.Sum(member => model.ResidualValue(member.PerPeriodValue(settings.GrossMargin), member.Renewals(asOf), discount));
        var acquired = group.Members.Select(member => member.MrrAtStart).Where(amount => amount > 0m).ToList();
        decimal? atAcquisition = acquired.Count == 0
            ? null
            : model.ResidualValue(PerPeriodValue(acquired.Sum() / acquired.Count, group.PeriodMonths), renewals: 0, discount);
        return new ClvGroup(
            group.Dimension, group.Segment, group.PeriodMonths, fit, active.Count, residual, active.Count == 0 ? null : residual / active.Count,
            atAcquisition, cac, settings.ClvDiscountRate);
    }

    /// <summary>One group's forecast: per future month, Σ over its active customers of per-period value × P(making that month's renewal).</summary>
    private ClvGroupForecast Forecast(SubscriberGroup group, BillingMonth asOf, int months)
    {
        if (group.Fit.Model is not { } model)
        {
            return new ClvGroupForecast(group.Dimension, group.Segment, group.PeriodMonths, group.Active.Count, group.Fit.Note, []);
        }

        var renewals = new double[months];
        var expected = new decimal[months];
        var discounted = new decimal[months];
        foreach (var member in group.Active)
        {
            var value = member.PerPeriodValue(settings.GrossMargin);
            var paying = RenewalForecast.PaymentProbabilities(model, member.Start, group.PeriodMonths, asOf, months);
            for (var j = 0; j < months; j++)
            {
                renewals[j] += paying[j];
                expected[j] += value * (decimal)paying[j];
                discounted[j] += value * (decimal)(paying[j] * ClvDiscount.ForMonthsAhead(settings.ClvDiscountRate, j + 1));
            }
        }

        return new ClvGroupForecast(
            group.Dimension, group.Segment, group.PeriodMonths, group.Active.Count, Note: null,
            [.. Enumerable.Range(0, months).Select(j => new ClvForecastMonth(asOf.PlusMonths(j + 1), j + 1, renewals[j], expected[j], discounted[j]))]);
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
}
