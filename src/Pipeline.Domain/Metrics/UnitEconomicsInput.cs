namespace Pipeline.Domain.Metrics;

/// <summary>What the unit economics of month m are computed from (METRICS.md §4); amounts in the reporting currency.</summary>
/// <param name="Arpa">ARPA of month m (MRR ÷ active customers); null when the month ends with no customers.</param>
/// <param name="NewMrr">New MRR of month m (reactivations excluded).</param>
/// <param name="NewCustomers">New customers of month m (reactivations excluded).</param>
/// <param name="ChurnRates">Customer churn rates of months m−5..m (up to six); null entries are months without a rate.</param>
/// <param name="GrossMargin">Gross margin as a fraction (0.8 = 80 %).</param>
/// <param name="LtvCapMonths">The lifetime cap of LtvCapped, in months (METRICS.md default 60).</param>
/// <param name="Spend">Sales and marketing spend of month m.</param>
/// <param name="PaidSpend">The paid-media part of <paramref name="Spend"/>.</param>
/// <param name="PaidNewCustomers">New customers attributed to paid channels.</param>
public sealed record UnitEconomicsInput(
    decimal? Arpa,
    decimal NewMrr,
    int NewCustomers,
    IReadOnlyList<decimal?> ChurnRates,
    decimal GrossMargin,
    int LtvCapMonths,
    decimal Spend,
    decimal PaidSpend,
    int PaidNewCustomers);
