namespace Pipeline.Domain.Metrics;

/// <summary>Loyalty figures (METRICS.md §9): survey answers joined to the month-end snapshot of revenue.</summary>
/// <remarks>
/// <para>
/// Per customer only the latest response counts: in the month for NPS, shares and captive customers, in the twelve months
/// through it for <c>nps12</c> (a tie in time goes to the later response in ledger order). Revenue weighting uses MRR at
/// <c>T_m</c> and leaves respondents without MRR out of that figure only.
/// </para>
/// <para>
/// Tenure is the number of month ends from the customer's cohort month through the month (the cohort month counts), so
/// a customer who started in January 2023 has 24 months at the end of December 2024. Churn within k months: a
/// respondent with MRR at <c>T_m</c> churned when any of the next k locked snapshots gives it no MRR; it is known only
/// once all k months are closed.
/// </para>
/// </remarks>
public static class LoyaltyCalculator
{
    /// <summary>The tenure from which a detractor or a respondent who would not choose the same provider is captive.</summary>
    public const int CaptiveTenureMonths = 24;

    /// <summary>The months of <c>nps12</c>: the month and the eleven before it.</summary>
    public const int TrailingMonths = 12;

    public static LoyaltyCategory CategoryOf(int score)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(score);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 10);
        return score >= 9 ? LoyaltyCategory.Promoter : score >= 7 ? LoyaltyCategory.Passive : LoyaltyCategory.Detractor;
    }

    /// <summary>Each customer's latest response (latest instant; on a tie the later one in order), ordered by customer id.</summary>
    public static IReadOnlyList<SurveyResponse> LatestPerCustomer(IEnumerable<SurveyResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var latest = new Dictionary<string, SurveyResponse>(StringComparer.Ordinal);
        foreach (var response in responses)
        {
            if (!latest.TryGetValue(response.CustomerId, out var earlier) || response.RespondedAt >= earlier.RespondedAt)
            {
                latest[response.CustomerId] = response;
            }
        }

        return [.. latest.Values.OrderBy(response => response.CustomerId, StringComparer.Ordinal)];
    }

    /// <summary>The tenant's figures (without <paramref name="dimension"/>) or one row per segment a respondent is in, by value.</summary>
    /// <param name="input">The month's responses and snapshots.</param>
    /// <param name="dimension">A <see cref="SegmentDimensions"/> name, or null for the tenant's row.</param>
    /// <param name="mrrBands">The lower bounds of the MRR bands (dimension <c>band</c>).</param>
    public static IReadOnlyList<LoyaltyFigures> Compute(LoyaltyMonthInput input, string? dimension, IReadOnlyList<decimal> mrrBands)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(mrrBands);
        var first = input.Month.PlusMonths(-(TrailingMonths - 1));
        var inMonth = input.Responses.Where(response => MonthOf(response, input.BusinessTimeZone) == input.Month);
        var inWindow = input.Responses.Where(response => MonthOf(response, input.BusinessTimeZone) is var month && month >= first && month <= input.Month);
        var month = LatestPerCustomer(inMonth.Concat(input.LateResponses));
        var trailing = LatestPerCustomer(inWindow.Concat(input.LateResponses));
        var closing = input.Closing.ToDictionary(customer => customer.CustomerId, customer => customer, StringComparer.Ordinal);
        var following = input.Following.Select(ActiveIds).ToList();
        var late = input.LateResponses.Select(response => response.Key).ToHashSet(StringComparer.Ordinal);
        var context = new Context(input.Month, closing, following, late);
        if (dimension is null)
        {
            return [Figures(context, month, trailing) with { Month = input.Month }];
        }

        var segments = new LoyaltySegmentOf(dimension, input.Closing, mrrBands);
        return month.Concat(trailing)
            .Select(response => segments.Of(response.CustomerId))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(value => Figures(
                context,
                [.. month.Where(response => segments.Of(response.CustomerId) == value)],
                [.. trailing.Where(response => segments.Of(response.CustomerId) == value)]) with { Dimension = dimension, Segment = value })
            .ToList();
    }

    private static LoyaltyFigures Figures(Context context, IReadOnlyList<SurveyResponse> month, IReadOnlyList<SurveyResponse> trailing)
    {
        var tally = new LoyaltyTally();
        foreach (var response in month)
        {
            var customer = context.Closing.GetValueOrDefault(response.CustomerId);
            tally.Add(response, customer, IsCaptive(context.Month, response, customer), context.Late.Contains(response.Key));
        }

        var responses = month.Count;
        return new LoyaltyFigures
        {
            Month = context.Month,
            Responses = responses,
            Promoters = tally.Promoters,
            Passives = tally.Passives,
            Detractors = tally.Detractors,
            Nps = Nps(tally.Promoters, tally.Detractors, responses),
            RevenueWeightedNps = tally.RespondentMrr == 0m ? null : (tally.PromoterMrr - tally.DetractorMrr) * 100m / tally.RespondentMrr,
            Responses12 = trailing.Count,
            Nps12 = Nps(
                trailing.Count(response => CategoryOf(response.Score) == LoyaltyCategory.Promoter),
                trailing.Count(response => CategoryOf(response.Score) == LoyaltyCategory.Detractor),
                trailing.Count),
            SameSolutionShare = Share(tally.SameSolutionYes, tally.SameSolutionAnswered),
            SameProviderShare = Share(tally.SameProviderYes, tally.SameProviderAnswered),
            LoyalShare = Share(tally.LoyalYes, tally.BothAnswered),
            CaptiveCustomers = responses == 0 ? null : tally.Captive,
            CaptiveMrr = responses == 0 ? null : tally.CaptiveMrr,
            LateResponses = tally.Late,
            Churn3 = Churn(context, month, 3),
            Churn6 = Churn(context, month, 6),
        };
    }

    private static bool IsCaptive(BillingMonth month, SurveyResponse response, CustomerMonthEnd? customer) =>
        customer is { Mrr: > 0m, CohortMonth: { } cohort }
        && month.MonthsSince(cohort) + 1 >= CaptiveTenureMonths
        && (CategoryOf(response.Score) == LoyaltyCategory.Detractor || response.SameProvider == SurveyAnswer.No);

    private static LoyaltyChurn Churn(Context context, IReadOnlyList<SurveyResponse> month, int window)
    {
        if (context.Following.Count < window)
        {
            return LoyaltyChurn.Unknown;
        }

        decimal? Rate(LoyaltyCategory category)
        {
            var active = month
                .Where(response => CategoryOf(response.Score) == category && context.Closing.GetValueOrDefault(response.CustomerId)?.Mrr > 0m)
                .ToList();
            var churned = active.Count(response => context.Following.Take(window).Any(ids => !ids.Contains(response.CustomerId)));
            return active.Count == 0 ? null : (decimal)churned / active.Count;
        }

        return new LoyaltyChurn(Rate(LoyaltyCategory.Promoter), Rate(LoyaltyCategory.Passive), Rate(LoyaltyCategory.Detractor));
    }

    private static BillingMonth MonthOf(SurveyResponse response, TimeZoneInfo timeZone) =>
        BillingMonth.Containing(response.RespondedAt, timeZone);

    private static decimal? Nps(int promoters, int detractors, int responses) =>
        responses == 0 ? null : (promoters - detractors) * 100m / responses;

    private static decimal? Share(int yes, int answered) => answered == 0 ? null : (decimal)yes / answered;

    private static HashSet<string> ActiveIds(IReadOnlyList<CustomerMonthEnd> snapshot) =>
        snapshot.Where(customer => customer.Mrr > 0m).Select(customer => customer.CustomerId).ToHashSet(StringComparer.Ordinal);

    private sealed record Context(
        BillingMonth Month, Dictionary<string, CustomerMonthEnd> Closing, List<HashSet<string>> Following, HashSet<string> Late);
}
