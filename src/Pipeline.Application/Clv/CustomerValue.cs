using Pipeline.Domain;

namespace Pipeline.Application.Clv;

/// <summary>One customer's value card at the end of <c>asOf</c> (issue 12, item 2; METRICS.md §8).</summary>
/// <remarks>
/// A customer with a subscription has the subscription figures (tenure, renewals, DERL and residual CLV from its group's
/// sBG fit); a customer with one-time or usage purchases has the purchase figures (P(alive), expected purchases and
/// their value from its group's BG/NBD and Gamma-Gamma fits, in months, calibrated through the last day of <c>asOf</c>);
/// a customer may have both. Amounts are in the reporting currency at full precision; model-based amounts are times the
/// gross margin, revenue to date and MRR are not. A figure the group's fit cannot give is null and the note says why.
/// </remarks>
public sealed record CustomerValue
{
    public required string CustomerId { get; init; }

    /// <summary>The customer's master data; null when no file described it.</summary>
    public CustomerRecord? Attributes { get; init; }

    /// <summary>
    /// The grouping of the fits: <c>all</c>, a segment dimension, or <c>cohort</c>; or
    /// <see cref="CustomerValueQueryService.ByValueTier"/>, which groups the cards only.
    /// </summary>
    public required string Dimension { get; init; }

    /// <summary>The customer's group: its subscriber group, else its buyer group; by value tier its tier or <c>(none)</c>.</summary>
    public required string Segment { get; init; }

    /// <summary>MRR at the end of <c>asOf</c>; 0 without.</summary>
    public decimal Mrr { get; init; }

    /// <summary>
    /// The customer's Pareto tier by <see cref="Mrr"/> among the tenant's customers with MRR &gt; 0 at the end of
    /// <c>asOf</c> (<see cref="Domain.Metrics.ParetoTier"/>: <c>top20</c> = the ⌈0.2 N⌉ largest, ties by customer id, or
    /// <c>rest</c>); null without MRR. Judged over every customer, whatever <c>by</c> and <c>segment</c> select.
    /// </summary>
    public string? ValueTier { get; init; }

    /// <summary>How many customers of the master data name this one in <c>referred_by</c>, paying or not; 0 without.</summary>
    public int Referrals { get; init; }

    /// <summary>Net billed through the end of <c>asOf</c> (<see cref="Domain.Clv.RevenueToDate"/>); 0 without.</summary>
    public decimal RevenueToDate { get; init; }

    /// <summary>The subscriber's tenure, period and cohort; null for a customer without a subscription.</summary>
    public Subscriber? Subscription { get; init; }

    public int? Renewals { get; init; }

    public int? TenureMonths { get; init; }

    /// <summary>DERL at <c>asOf</c>, in payments; null when the tenure ended or the group has no fit.</summary>
    public double? Derl { get; init; }

    /// <summary>Per-period value × DERL; null when the tenure ended or the group has no fit.</summary>
    public decimal? ResidualClv { get; init; }

    /// <summary>Why the subscriber's group has no sBG fit; null when it has one or the customer has no subscription.</summary>
    public string? ClvNote { get; init; }

    /// <summary>x: purchase days after the first, through the last day of <c>asOf</c>; null for a customer without purchases.</summary>
    public int? RepeatPurchases { get; init; }

    /// <summary>m̄: the mean value of the repeat purchase days; null without repeat purchases.</summary>
    public decimal? MeanRepeatValue { get; init; }

    public double? ProbabilityAlive { get; init; }

    /// <summary>Purchases expected in the next <see cref="CustomerValueQueryService.PurchaseHorizonMonths"/> months.</summary>
    public double? ExpectedPurchases { get; init; }

    /// <summary>Gamma-Gamma's expected value per purchase (not times the gross margin).</summary>
    public decimal? ExpectedPurchaseValue { get; init; }

    /// <summary>Σ over the next months of expected purchases × expected value × gross margin, discounted as the forecast is.</summary>
    public decimal? PurchaseClv { get; init; }

    /// <summary>Why the buyer's group has no BG/NBD or Gamma-Gamma fit; null when it has both or the customer has no purchases.</summary>
    public string? PurchaseNote { get; init; }

    /// <summary>
    /// The customer's quintile by total CLV (<see cref="ResidualClv"/> + <see cref="PurchaseClv"/>) among the tenant's
    /// customers with one &gt; 0 at <c>asOf</c> (<see cref="Domain.Clv.ValueQuintiles"/>: 1 the highest fifth); null without.
    /// </summary>
    public int? ClvQuintile { get; init; }

    /// <summary>
    /// The cell of the value matrix (<see cref="CustomerValueQueryService.ByValueSegment"/>): revenue value (top 20 % by MRR
    /// or the first CLV quintile) against strategic value (customers brought in, <see cref="Referrals"/>).
    /// </summary>
    public required string ValueSegment { get; init; }

    /// <summary>The unpaid balances at the end of <c>asOf</c> (METRICS.md §10), in the reporting currency; 0 without.</summary>
    public decimal Receivables { get; init; }
    /// <summary>The customer's latest survey answer given by the end of <c>asOf</c> (METRICS.md §9); null when it never answered.</summary>
    public SurveyResponse? LatestSurvey { get; init; }
}
