namespace Pipeline.Domain.Metrics;

/// <summary>LTV, CAC and payback of one month (METRICS.md §4), with the settings they were computed with.</summary>
/// <param name="GrossMargin">The gross margin used (fraction).</param>
/// <param name="LtvCapMonths">The lifetime cap used for <paramref name="LtvCapped"/>.</param>
/// <param name="Spend">Sales and marketing spend of the month in the reporting currency.</param>
/// <param name="PaidSpend">The paid-media part of <paramref name="Spend"/>.</param>
/// <param name="PaidNewCustomers">New customers whose acquisition channel is a paid channel.</param>
/// <param name="Asp">New MRR ÷ new customers.</param>
/// <param name="AverageChurnRate">Average customer churn rate over the last six months (m−5..m) that have one.</param>
/// <param name="Ltv">ARPA × gross margin ÷ average churn rate; null when that average is 0 or unknown.</param>
/// <param name="LtvCapped">ARPA × gross margin × min(1 ÷ average churn, cap).</param>
/// <param name="Cac">Blended CAC: spend ÷ new customers.</param>
/// <param name="PaidCac">Paid spend ÷ paid new customers.</param>
/// <param name="CacPaybackMonths">CAC ÷ (ASP × gross margin).</param>
/// <param name="CacPaybackMonthsArpa">CAC ÷ (ARPA × gross margin).</param>
/// <param name="LtvToCac">LTV ÷ CAC.</param>
public sealed record UnitEconomicsFigures(
    decimal GrossMargin,
    int LtvCapMonths,
    decimal Spend,
    decimal PaidSpend,
    int PaidNewCustomers,
    decimal? Asp,
    decimal? AverageChurnRate,
    decimal? Ltv,
    decimal? LtvCapped,
    decimal? Cac,
    decimal? PaidCac,
    decimal? CacPaybackMonths,
    decimal? CacPaybackMonthsArpa,
    decimal? LtvToCac);
