using Pipeline.Api.Http;
using Pipeline.Api.Clv;
using Pipeline.Application.Clv;
using Pipeline.Application.Loyalty;
using Pipeline.Domain;

namespace Pipeline.Api.Customers;

/// <summary>One customer's value card (issue 12, item 2) as BI tools read it, the same in JSON and CSV.</summary>
/// <remarks>
/// Amounts are in <see cref="Currency"/> rounded to its minor unit here and nowhere else; DERL, probabilities and expected
/// counts have six decimals. Subscription columns are empty for a customer without a subscription, purchase columns for
/// one without one-time or usage purchases; a figure the group's fit cannot give is empty and the note says why.
/// </remarks>
public sealed record CustomerValueRow
{
    private const int Decimals = 6;

    [CellFormat(CellFormat.Month)]
    public required string AsOf { get; init; }

    public required string CustomerId { get; init; }

    public string? Name { get; init; }

    public string? Country { get; init; }

    /// <summary>The customer's <c>segment</c> attribute (master data).</summary>
    public string? CustomerSegment { get; init; }

    public string? Channel { get; init; }

    /// <summary>The customer id in the customers file's <c>referred_by</c>: who brought this customer in.</summary>
    public string? ReferredBy { get; init; }

    /// <summary>How many customers name this one in <c>referred_by</c>.</summary>
    public int Referrals { get; init; }

    /// <summary>The grouping of the fits: <c>all</c>, a segment dimension or <c>cohort</c>.</summary>
    public required string Dimension { get; init; }

    /// <summary>The customer's group of <see cref="Dimension"/>.</summary>
    public required string Segment { get; init; }

    public required string Currency { get; init; }

    /// <summary>The month of the first recurring line (yyyy-MM); empty without a subscription.</summary>
    public string? Cohort { get; init; }

    /// <summary><c>month</c>, <c>quarter</c>, <c>year</c> or <c>k-month</c>; empty without a subscription.</summary>
    public string? Period { get; init; }

    /// <summary>Whether the subscription tenure runs through <see cref="AsOf"/>; empty without a subscription.</summary>
    public bool? Active { get; init; }

    public int? Renewals { get; init; }

    public int? TenureMonths { get; init; }

    public decimal Mrr { get; init; }

    /// <summary><c>top20</c> (the ⌈0.2 N⌉ largest MRRs of the N customers with MRR, ties by customer id) or <c>rest</c>; empty without MRR.</summary>
    public string? ValueTier { get; init; }

    public decimal RevenueToDate { get; init; }

    public decimal? Derl { get; init; }

    public decimal? ResidualClv { get; init; }

    public string? ClvNote { get; init; }

    public int? RepeatPurchases { get; init; }

    public decimal? MeanRepeatValue { get; init; }

    public decimal? ProbabilityAlive { get; init; }

    /// <summary>Purchases expected in the next 12 months.</summary>
    public decimal? ExpectedPurchases { get; init; }

    public decimal? ExpectedPurchaseValue { get; init; }

    public decimal? PurchaseClv { get; init; }

    public string? PurchaseNote { get; init; }

    /// <summary>1 (the highest fifth) to 5 by total CLV (residual + purchase) among the customers with one; empty without.</summary>
    public int? ClvQuintile { get; init; }

    /// <summary><c>referrer</c> when the customer brought others in (<see cref="Referrals"/> &gt; 0), else <c>none</c>.</summary>
    public required string StrategicValue { get; init; }

    /// <summary><c>key</c>, <c>revenue</c>, <c>strategic</c>, <c>basic</c> or <c>(none)</c>: see the README's value segments.</summary>
    public required string ValueSegment { get; init; }

    /// <summary>Unpaid balances at the end of <see cref="AsOf"/> (the <c>/receivables</c> rule).</summary>
    public decimal Receivables { get; init; }

    /// <summary>The yearly discount rate (<c>Pipeline:ClvDiscountRate</c>).</summary>
    public decimal DiscountRate { get; init; }

    /// <summary>The score (0–10) of the customer's latest survey answer by the end of <see cref="AsOf"/>; empty when it never answered.</summary>
    public int? SurveyScore { get; init; }

    /// <summary><c>promoter</c>, <c>passive</c> or <c>detractor</c>, from <see cref="SurveyScore"/>.</summary>
    public string? SurveyCategory { get; init; }

    /// <summary>Would choose the same solution again: <c>yes</c>, <c>no</c>, <c>unsure</c>, or empty when not answered.</summary>
    public string? SurveySameSolution { get; init; }

    /// <summary>Would choose the same provider again: <c>yes</c>, <c>no</c>, <c>unsure</c>, or empty when not answered.</summary>
    public string? SurveySameProvider { get; init; }

    /// <summary>When that answer was given.</summary>
    public DateTimeOffset? SurveyRespondedAt { get; init; }

    /// <summary>The close version of <c>asOf</c> the figures are as of (computed from the imports that close read); empty for an open month.</summary>
    public int? CloseVersion { get; init; }

    public static CustomerValueRow From(CustomerValue card, CustomerValueReport report)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(report);
        var currency = report.Currency;
        return new CustomerValueRow
        {
            AsOf = report.AsOf.ToString(),
            CustomerId = card.CustomerId,
            Name = card.Attributes?.Name,
            Country = card.Attributes?.Country,
            CustomerSegment = card.Attributes?.Segment,
            Channel = card.Attributes?.Channel,
            ReferredBy = card.Attributes?.ReferredBy,
            Referrals = card.Referrals,
            Dimension = card.Dimension,
            Segment = card.Segment,
            Currency = currency.ToString(),
            Cohort = card.Subscription?.Start.ToString(),
            Period = card.Subscription is { } subscription ? ClvRow.PeriodName(subscription.PeriodMonths) : null,
            Active = card.Subscription?.IsActive,
            Renewals = card.Renewals,
            TenureMonths = card.TenureMonths,
            Mrr = currency.Round(card.Mrr),
            ValueTier = card.ValueTier,
            RevenueToDate = currency.Round(card.RevenueToDate),
            Derl = Round(card.Derl),
            ResidualClv = Money(card.ResidualClv, currency),
            ClvNote = card.ClvNote,
            RepeatPurchases = card.RepeatPurchases,
            MeanRepeatValue = Money(card.MeanRepeatValue, currency),
            ProbabilityAlive = Round(card.ProbabilityAlive),
            ExpectedPurchases = Round(card.ExpectedPurchases),
            ExpectedPurchaseValue = Money(card.ExpectedPurchaseValue, currency),
            PurchaseClv = Money(card.PurchaseClv, currency),
            PurchaseNote = card.PurchaseNote,
            ClvQuintile = card.ClvQuintile,
            StrategicValue = card.Referrals > 0 ? "referrer" : "none",
            ValueSegment = card.ValueSegment,
            Receivables = currency.Round(card.Receivables),
            DiscountRate = report.DiscountRate,
            SurveyScore = card.LatestSurvey?.Score,
            SurveyCategory = card.LatestSurvey is { } survey ? SurveyAnswers.CategoryOf(survey) : null,
            SurveySameSolution = SurveyAnswers.WordOf(card.LatestSurvey?.SameSolution),
            SurveySameProvider = SurveyAnswers.WordOf(card.LatestSurvey?.SameProvider),
            SurveyRespondedAt = card.LatestSurvey?.RespondedAt,
            CloseVersion = report.CloseVersion,
        };
    }

    private static decimal? Round(double? value) =>
        value is { } number ? decimal.Round((decimal)number, Decimals, MidpointRounding.AwayFromZero) : null;

    private static decimal? Money(decimal? amount, CurrencyCode currency) => amount is { } value ? currency.Round(value) : null;
}
