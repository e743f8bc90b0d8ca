using Pipeline.Api.Kpis;
using Pipeline.Application.Loyalty;
using Pipeline.Domain;

namespace Pipeline.Api.Loyalty;

/// <summary>One month of loyalty figures (METRICS.md §9) as BI tools read it, the same in JSON and CSV.</summary>
/// <remarks>
/// NPS figures run from −100 to 100; shares and churn rates are fractions; both have six decimals. A figure whose base is
/// empty is null (an empty CSV cell), never 0: a month without responses has no NPS, shares or captive count. The churn
/// columns (<c>promoterChurn3</c> … <c>detractorChurn6</c>) are the logo churn of the month's respondents of that category
/// within the next 3 or 6 months, empty until those months are closed. <see cref="Status"/> and <see cref="Version"/> are
/// those of the month's KPI row: a closed month's figures are those of its close version.
/// </remarks>
public sealed record LoyaltyRow
{
    private const int Decimals = 6;

    public required string Month { get; init; }

    public string? Dimension { get; init; }

    public string? Segment { get; init; }

    public required string Status { get; init; }

    public int Version { get; init; }

    public required string Currency { get; init; }

    public int Responses { get; init; }

    public int Promoters { get; init; }

    public int Passives { get; init; }

    public int Detractors { get; init; }

    public decimal? Nps { get; init; }

    public decimal? RevenueWeightedNps { get; init; }

    public int Responses12 { get; init; }

    public decimal? Nps12 { get; init; }

    public decimal? SameSolutionShare { get; init; }

    public decimal? SameProviderShare { get; init; }

    public decimal? LoyalShare { get; init; }

    public int? CaptiveCustomers { get; init; }

    public decimal? CaptiveMrr { get; init; }

    /// <summary>Counted answers for a closed month that arrived after its close: they count in the first open month.</summary>
    public int LateResponses { get; init; }

    public decimal? PromoterChurn3 { get; init; }

    public decimal? PassiveChurn3 { get; init; }

    public decimal? DetractorChurn3 { get; init; }

    public decimal? PromoterChurn6 { get; init; }

    public decimal? PassiveChurn6 { get; init; }

    public decimal? DetractorChurn6 { get; init; }

    public static LoyaltyRow From(LoyaltyMonth month, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(month);
        var figures = month.Figures;
        return new LoyaltyRow
        {
            Month = figures.Month.ToString(),
            Dimension = figures.Dimension,
            Segment = figures.Segment,
            Status = KpiRow.StatusName(month.Status),
            Version = month.Version,
            Currency = currency.Code,
            Responses = figures.Responses,
            Promoters = figures.Promoters,
            Passives = figures.Passives,
            Detractors = figures.Detractors,
            Nps = Round(figures.Nps),
            RevenueWeightedNps = Round(figures.RevenueWeightedNps),
            Responses12 = figures.Responses12,
            Nps12 = Round(figures.Nps12),
            SameSolutionShare = Round(figures.SameSolutionShare),
            SameProviderShare = Round(figures.SameProviderShare),
            LoyalShare = Round(figures.LoyalShare),
            CaptiveCustomers = figures.CaptiveCustomers,
            CaptiveMrr = figures.CaptiveMrr is { } mrr ? currency.Round(mrr) : null,
            LateResponses = figures.LateResponses,
            PromoterChurn3 = Round(figures.Churn3.Promoters),
            PassiveChurn3 = Round(figures.Churn3.Passives),
            DetractorChurn3 = Round(figures.Churn3.Detractors),
            PromoterChurn6 = Round(figures.Churn6.Promoters),
            PassiveChurn6 = Round(figures.Churn6.Passives),
            DetractorChurn6 = Round(figures.Churn6.Detractors),
        };
    }

    private static decimal? Round(decimal? value) =>
        value is { } figure ? decimal.Round(figure, Decimals, MidpointRounding.AwayFromZero) + 0.000000m : null;
}
