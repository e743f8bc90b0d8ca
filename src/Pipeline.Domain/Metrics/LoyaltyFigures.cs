namespace Pipeline.Domain.Metrics;

/// <summary>One month's loyalty figures (METRICS.md §9), for the tenant or for one segment of a dimension.</summary>
/// <remarks>
/// NPS figures run from −100 to 100; shares and churn rates are fractions. Every figure whose base is empty is null,
/// never 0: a month without responses has no NPS, no shares and no captive count. Amounts are in the reporting
/// currency at full precision.
/// </remarks>
public sealed record LoyaltyFigures
{
    public required BillingMonth Month { get; init; }

    /// <summary>The dimension of a segment row (<see cref="SegmentDimensions"/>); null for the tenant's row.</summary>
    public string? Dimension { get; init; }

    /// <summary>The segment value of a segment row; null for the tenant's row.</summary>
    public string? Segment { get; init; }

    /// <summary>Customers whose latest response in the month counts (one per customer).</summary>
    public int Responses { get; init; }

    public int Promoters { get; init; }

    public int Passives { get; init; }

    public int Detractors { get; init; }

    /// <summary>(promoters − detractors) ÷ responses × 100; null without responses.</summary>
    public decimal? Nps { get; init; }

    /// <summary>(MRR of promoters − MRR of detractors) ÷ MRR of respondents × 100, respondents without MRR left out; null when no respondent has MRR.</summary>
    public decimal? RevenueWeightedNps { get; init; }

    /// <summary>Customers whose latest response in the twelve months through the month counts.</summary>
    public int Responses12 { get; init; }

    /// <summary>NPS over each customer's latest response in the twelve months through the month; null without any.</summary>
    public decimal? Nps12 { get; init; }

    /// <summary>Share of the respondents who answered the same-solution question that said yes; null when nobody answered it.</summary>
    public decimal? SameSolutionShare { get; init; }

    /// <summary>Share of the respondents who answered the same-provider question that said yes; null when nobody answered it.</summary>
    public decimal? SameProviderShare { get; init; }

    /// <summary>Share of the respondents who answered both questions that said yes to both; null when nobody answered both.</summary>
    public decimal? LoyalShare { get; init; }

    /// <summary>Respondents with MRR and a tenure of 24 months or more who are detractors or would not choose the same provider; null without responses.</summary>
    public int? CaptiveCustomers { get; init; }

    /// <summary>The MRR at the month's end of <see cref="CaptiveCustomers"/>; null without responses.</summary>
    public decimal? CaptiveMrr { get; init; }

    /// <summary>Counted responses that belong to a locked month but arrived after its close (METRICS.md §6): they count in the first open month.</summary>
    public int LateResponses { get; init; }

    /// <summary>Logo churn within the next 3 months per category; unknown until those months are closed.</summary>
    public LoyaltyChurn Churn3 { get; init; } = LoyaltyChurn.Unknown;

    /// <summary>Logo churn within the next 6 months per category; unknown until those months are closed.</summary>
    public LoyaltyChurn Churn6 { get; init; } = LoyaltyChurn.Unknown;
}
