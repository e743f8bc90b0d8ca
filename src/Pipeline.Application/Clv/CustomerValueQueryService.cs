using System.Collections.Concurrent;
using Pipeline.Application.Loyalty;
using Pipeline.Application.Receivables;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Domain.Clv;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Clv;

/// <summary>Each customer's value card at a month end (issue 12, item 2): the per-customer side of METRICS.md §8.</summary>
/// <remarks>
/// Computed on each read from the tenant's ledger. The subscription figures come from the groups and fits of
/// <see cref="SubscriberBaseReader"/> (the same as <c>clv</c>, so the residual CLVs of a group's cards add up to its
/// <c>residualClv</c>); the purchase figures from <see cref="PurchaseQueryService"/> calibrated through the last day of
/// <c>asOf</c> in months (the same fits as <c>clv/purchases?calibrationEnd=…&amp;unit=month</c>).
/// </remarks>
public sealed class CustomerValueQueryService(
    SubscriberBaseReader subscribers, PurchaseQueryService purchases, ReceivablesQueryService receivables, TenantSettings settings, TimeProvider clock)
{
    /// <summary>The horizon of expected purchases and their value, in months.</summary>
    public const int PurchaseHorizonMonths = 12;

    /// <summary>
    /// The grouping of the cards by their <see cref="CustomerValue.ValueTier"/> (<c>top20</c>, <c>rest</c>, or
    /// <c>(none)</c> without MRR); the fits then stay ungrouped, as without <c>by</c>.
    /// </summary>
    /// <remarks>
    /// Not a grouping of the fits: the tier is judged at <c>asOf</c>, so a customer who churned has none and the
    /// renewal history of a tier would only hold its survivors.
    /// </remarks>
    public const string ByValueTier = "valueTier";

    /// <summary>
    /// The grouping of the cards by their <see cref="CustomerValue.ValueSegment"/>, the source's value matrix: revenue
    /// value is high for the Pareto top 20 % by MRR (<c>valueTier</c> top20) or the first CLV quintile; strategic value is
    /// having brought customers in (<c>referrals</c> &gt; 0). <see cref="KeySegment"/> = both, <see cref="RevenueSegment"/> =
    /// high revenue value only, <see cref="StrategicSegment"/> = strategic only, <see cref="BasicSegment"/> = neither;
    /// <c>(none)</c> without MRR and without CLV. The fits stay ungrouped, as with <see cref="ByValueTier"/>.
    /// </summary>
    public const string ByValueSegment = SegmentDimensions.ValueSegment;

    public const string KeySegment = SegmentDimensions.Key;

    public const string RevenueSegment = SegmentDimensions.Revenue;

    public const string StrategicSegment = SegmentDimensions.Strategic;

    public const string BasicSegment = SegmentDimensions.Basic;

    /// <summary>The groupings <c>by=</c> accepts on the cards: the CLV dimensions and <see cref="ByValueTier"/>.</summary>
    public static IReadOnlyList<string> Dimensions { get; } = [.. ClvQueryService.Dimensions, ByValueTier, ByValueSegment];

    /// <summary>The default order: by customer id.</summary>
    public const string ByCustomerId = "customerId";

    /// <summary>The orders <c>sort=</c> accepts: by customer id, or by an amount, largest first (nulls last).</summary>
    public static IReadOnlyList<string> SortKeys { get; } = [ByCustomerId, "mrr", "revenueToDate", "residualClv", "purchaseClv"];

    /// <summary>The latest month that has ended for <paramref name="tenant"/>: the default <c>asOf</c>.</summary>
    public BillingMonth LatestEndedMonth(TenantId tenant) => settings.For(tenant).CurrentMonth(clock.GetUtcNow()).Previous();

    /// <summary>Whether <paramref name="month"/> has ended for <paramref name="tenant"/>.</summary>
    public bool HasEnded(TenantId tenant, BillingMonth month) => settings.For(tenant).HasEnded(month, clock.GetUtcNow());

    /// <summary>
    /// The cards of the customers with a subscription or a purchase by the end of <paramref name="asOf"/>, grouped by
    /// <paramref name="dimension"/> (one of <see cref="Dimensions"/>), only those of <paramref name="segment"/> when given, in the order of <paramref name="sort"/>;
    /// null for an unknown tenant.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown dimension or sort key.</exception>
    /// <exception cref="MissingExchangeRateException">An amount in another currency has no rate for a month end that is needed.</exception>
    /// <exception cref="Closes.CloseVersionUnavailableException"><paramref name="version"/> is not a close version that can be read.</exception>
    public async Task<CustomerValueReport?> ListAsync(
        TenantId tenant, BillingMonth asOf, string? dimension, string? segment, string sort, CancellationToken cancellationToken, int? version = null)
    {
        if (!SortKeys.Contains(sort, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{sort}' is not a sort key.", nameof(sort));
        }

        var byCard = dimension is ByValueTier or ByValueSegment;
        var fitDimension = byCard ? null : dimension;
        var subscriberBase = await subscribers.ReadAsync(tenant, asOf, fitDimension, cancellationToken, version);
        if (subscriberBase is null)
        {
            return null;
        }

        var owed = (await receivables.ComputeForKnownTenantAsync(tenant, asOf, null, cancellationToken, subscriberBase.CloseVersion)).Customers
            .ToDictionary(customer => customer.CustomerId, customer => customer.Totals.Total, StringComparer.Ordinal);
        var cards = Cards(tenant, subscriberBase, fitDimension, owed)
            .Select(card => dimension switch
            {
                ByValueTier => card with { Dimension = ByValueTier, Segment = card.ValueTier ?? SegmentDimensions.None },
                ByValueSegment => card with { Dimension = ByValueSegment, Segment = card.ValueSegment },
                _ => card,
            })
            .Where(card => segment is null || card.Segment == segment);
        return new CustomerValueReport(asOf, subscriberBase.Currency, settings.ClvDiscountRate, Sorted(cards, sort))
        {
            CloseVersion = subscriberBase.CloseVersion,
        };
    }

    /// <summary>
    /// The customers in CLV quintile 1 at the end of <paramref name="asOf"/> on a ledger already read, as their cards
    /// say (<see cref="CustomerValue.ClvQuintile"/>): with the Pareto top, the high revenue value of the value matrix.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="asOf">The month end.</param>
    /// <param name="monthEnds">Customers' MRR at month ends of this ledger already found, shared between calls (<see cref="SubscriberBaseReader.Build"/>).</param>
    /// <exception cref="MissingExchangeRateException">An amount in another currency has no rate for a month end that is needed.</exception>
    public IReadOnlySet<string> TopClvQuintile(
        TenantId tenant, TenantLedger ledger, BillingMonth asOf, ConcurrentDictionary<BillingMonth, IReadOnlyDictionary<string, decimal>>? monthEnds = null)
    {
        var subscriberBase = subscribers.Build(tenant, ledger, asOf, null, monthEnds);
        return Cards(tenant, subscriberBase, null, new Dictionary<string, decimal>(StringComparer.Ordinal))
            .Where(card => card.ClvQuintile == 1)
            .Select(card => card.CustomerId)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The customers the master data of <paramref name="ledger"/> names in <c>referred_by</c>: the strategic value of the value matrix.</summary>
    public static IReadOnlySet<string> Referrers(TenantLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return Referrals(ledger.Customers.Values).Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One card per customer with a subscription or a purchase.</summary>
    private IEnumerable<CustomerValue> Cards(
        TenantId tenant, SubscriberBase subscriberBase, string? dimension, IReadOnlyDictionary<string, decimal> receivables)
    {
        var (ledger, asOf) = (subscriberBase.Ledger, subscriberBase.AsOf);
        var metrics = settings.For(tenant).Metrics;
        var buyers = purchases.Build(tenant, ledger, asOf.LastDay, PurchaseTimeUnit.Month, dimension);
        var revenue = RevenueToDate.ByCustomer(
            ledger.Lines, asOf.EndInstant(metrics.BusinessTimeZone), metrics.BusinessTimeZone, new ExchangeRateTable(ledger.Rates), metrics.ReportingCurrency);

        var tiers = ParetoTier.Of(subscriberBase.Mrr);
        var referrals = Referrals(ledger.Customers.Values);
        var answers = SurveyAnswers.LatestBy(ledger.Responses, asOf.EndInstant(metrics.BusinessTimeZone));
        var cards = new Dictionary<string, CustomerValue>(StringComparer.Ordinal);
        foreach (var group in subscriberBase.Groups)
        {
            foreach (var member in group.Members)
            {
                cards[member.CustomerId] = Subscription(group, member, asOf) with
                {
                    Attributes = ledger.Customers.GetValueOrDefault(member.CustomerId),
                };
            }
        }

        foreach (var group in buyers.Groups)
        {
            foreach (var buyer in group.Members)
            {
                var card = cards.GetValueOrDefault(buyer.CustomerId) ?? new CustomerValue
                {
                    CustomerId = buyer.CustomerId,
                    Attributes = ledger.Customers.GetValueOrDefault(buyer.CustomerId),
                    Dimension = group.Dimension,
                    Segment = group.Segment,
                    ValueSegment = SegmentDimensions.None,
                };
                cards[buyer.CustomerId] = WithPurchases(card, group, buyer);
            }
        }

        var quintiles = ValueQuintiles.Of(cards.Values.ToDictionary(card => card.CustomerId, TotalClv, StringComparer.Ordinal));
        return cards.Values.Select(card =>
        {
            var (tier, quintile, referred) = (tiers.GetValueOrDefault(card.CustomerId), quintiles.GetValueOrDefault(card.CustomerId), referrals.GetValueOrDefault(card.CustomerId));
            return card with
            {
                Mrr = subscriberBase.Mrr.GetValueOrDefault(card.CustomerId),
                ValueTier = tier,
                Referrals = referred,
                RevenueToDate = revenue.GetValueOrDefault(card.CustomerId),
                ClvQuintile = quintile == 0 ? null : quintile,
                ValueSegment = ValueSegmentOf(tier, quintile, referred),
                Receivables = receivables.GetValueOrDefault(card.CustomerId),
                LatestSurvey = answers.GetValueOrDefault(card.CustomerId),
            };
        });
    }

    /// <summary>Residual CLV plus purchase CLV, each 0 when the card has none.</summary>
    private static decimal TotalClv(CustomerValue card) => (card.ResidualClv ?? 0m) + (card.PurchaseClv ?? 0m);

    /// <summary>The value matrix cell of <see cref="ByValueSegment"/>; a quintile of 0 is none.</summary>
    private static string ValueSegmentOf(string? tier, int quintile, int referrals)
    {
        if (tier is null && quintile == 0)
        {
            return SegmentDimensions.None;
        }

        return SegmentDimensions.ValueSegmentOf(tier == SegmentDimensions.TopTwentyPercent || quintile == 1, referrals > 0);
    }

    /// <summary>How many customers name each referrer in <c>referred_by</c>.</summary>
    private static Dictionary<string, int> Referrals(IEnumerable<CustomerRecord> customers) =>
        customers
            .Where(customer => customer.ReferredBy is not null)
            .CountBy(customer => customer.ReferredBy!, StringComparer.Ordinal)
            .ToDictionary(StringComparer.Ordinal);

    private CustomerValue Subscription(SubscriberGroup group, Subscriber member, BillingMonth asOf)
    {
        var renewals = member.Renewals(asOf);
        var card = new CustomerValue
        {
            CustomerId = member.CustomerId,
            Dimension = group.Dimension,
            Segment = group.Segment,
            ValueSegment = SegmentDimensions.None,
            Subscription = member,
            Renewals = renewals,
            TenureMonths = member.TenureMonths(asOf),
            ClvNote = group.Fit.Note,
        };
        if (group.Fit.Model is not { } model || !member.IsActive)
        {
            return card;
        }

        var discount = ClvDiscount.PerPeriod(settings.ClvDiscountRate, member.PeriodMonths);
        return card with
        {
            Derl = model.DiscountedExpectedResidualLifetime(renewals, discount),
            ResidualClv = model.ResidualValue(member.PerPeriodValue(settings.GrossMargin), renewals, discount),
        };
    }

    private CustomerValue WithPurchases(CustomerValue card, PurchaseGroup group, PurchaseSummary buyer)
    {
        var (x, lastPurchase, observed) = (buyer.RepeatPurchases, buyer.LastPurchaseTime, buyer.ObservedTime);
        card = card with
        {
            RepeatPurchases = x,
            MeanRepeatValue = buyer.MeanRepeatValue,
            PurchaseNote = group.Purchases.Note ?? group.Spend.Note,
        };
        if (group.Purchases.Model is not { } model)
        {
            return card;
        }

        var perMonth = model.ExpectedPurchasesPerUnit(PurchaseHorizonMonths, x, lastPurchase, observed);
        var value = group.Spend.Model?.ExpectedAverageValue(x, buyer.MeanRepeatValue);
        decimal? clv = value is { } perPurchase
            ? perMonth.Select((purchases, h) => perPurchase * settings.GrossMargin * (decimal)(purchases * ClvDiscount.ForMonthsAhead(settings.ClvDiscountRate, h + 1))).Sum()
            : null;
        return card with
        {
            ProbabilityAlive = model.ProbabilityAlive(x, lastPurchase, observed),
            ExpectedPurchases = model.ConditionalExpectedPurchases(PurchaseHorizonMonths, x, lastPurchase, observed),
            ExpectedPurchaseValue = value,
            PurchaseClv = clv,
        };
    }

    /// <summary>By customer id, or by an amount largest first with the cards without it last, ties by customer id.</summary>
    private static List<CustomerValue> Sorted(IEnumerable<CustomerValue> cards, string sort)
    {
        Func<CustomerValue, decimal?>? amount = sort switch
        {
            "mrr" => card => card.Mrr,
            "revenueToDate" => card => card.RevenueToDate,
            "residualClv" => card => card.ResidualClv,
            "purchaseClv" => card => card.PurchaseClv,
            _ => null,
        };
        var ordered = amount is null
            ? cards.OrderBy(card => card.CustomerId, StringComparer.Ordinal)
            : cards.OrderBy(card => amount(card) is null).ThenByDescending(amount).ThenBy(card => card.CustomerId, StringComparer.Ordinal);
        return [.. ordered];
    }
}
