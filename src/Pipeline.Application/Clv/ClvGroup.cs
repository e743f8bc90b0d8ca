using Pipeline.Application.Clv.Estimation;

namespace Pipeline.Application.Clv;

/// <summary>The customer value of one group of subscribers on one billing period at <c>asOf</c> (METRICS.md §8).</summary>
/// <remarks>
/// Amounts are in the reporting currency, net of tax, times the gross margin, at full precision. Without a fit
/// (<see cref="RetentionFit.Note"/> says why) every model-based amount is null: never a made-up number.
/// </remarks>
/// <param name="Dimension">The grouping: <c>all</c>, a segment dimension, or <c>cohort</c>.</param>
/// <param name="Segment">The group's value of the dimension (<c>(none)</c> for a missing attribute; <c>all</c> without a dimension).</param>
/// <param name="PeriodMonths">The billing period in months (1, 3, 12, …): customers churn only at a renewal.</param>
/// <param name="Fit">The sBG fit of the group's renewal cohorts, or the note why there is none.</param>
/// <param name="ActiveCustomers">Customers whose tenure runs through <c>asOf</c> (paid at every month end since their start).</param>
/// <param name="ResidualClv">Σ over the active customers of per-period value × DERL; null without a fit.</param>
/// <param name="MeanResidualClv">The residual CLV per active customer; null without a fit or without active customers.</param>
/// <param name="ClvAtAcquisition">Mean per-period value at acquisition × DERL with 0 renewals: what a new customer is worth; null without a fit.</param>
/// <param name="Cac">The group's CAC pooled over the published months through <c>asOf</c> (blended; by channel for <c>by=channel</c>); null when unknown.</param>
/// <param name="DiscountRate">The yearly discount rate used (<c>Pipeline:ClvDiscountRate</c>).</param>
public sealed record ClvGroup(
    string Dimension,
    string Segment,
    int PeriodMonths,
    RetentionFit Fit,
    int ActiveCustomers,
    decimal? ResidualClv,
    decimal? MeanResidualClv,
    decimal? ClvAtAcquisition,
    decimal? Cac,
    decimal DiscountRate)
{
    /// <summary>CLV at acquisition ÷ CAC; null when either is unknown or CAC is not positive.</summary>
    public decimal? ClvToCac => ClvAtAcquisition is { } clv && Cac is { } cac && cac > 0m ? clv / cac : null;
}
