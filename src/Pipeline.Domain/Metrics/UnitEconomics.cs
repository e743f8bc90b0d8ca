namespace Pipeline.Domain.Metrics;

/// <summary>LTV, CAC, payback and LTV:CAC of one month (METRICS.md §4).</summary>
/// <remarks>
/// Every ratio whose denominator is zero or unknown is null, never 0: a month without new customers has no CAC,
/// and a business that lost nobody in six months has no finite LTV. LtvCapped exists for exactly that case — it caps
/// the expected lifetime at <see cref="UnitEconomicsInput.LtvCapMonths"/>, so it stays defined when churn is 0.
/// The churn average skips months without a rate (no opening customers) instead of counting them as 0 % churn.
/// Payback with ASP is computed as spend ÷ (new MRR × GM): the new-customer count cancels out of
/// CAC ÷ (ASP × GM), and dividing once avoids compounding two rounded quotients.
/// </remarks>
public static class UnitEconomics
{
    /// <summary>The month's unit economics from its inputs.</summary>
    public static UnitEconomicsFigures Compute(UnitEconomicsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.ChurnRates);
        ArgumentOutOfRangeException.ThrowIfNegative(input.NewCustomers);
        ArgumentOutOfRangeException.ThrowIfNegative(input.PaidNewCustomers);
        ArgumentOutOfRangeException.ThrowIfNegative(input.LtvCapMonths);

        var averageChurn = AverageOf(input.ChurnRates);
        var marginPerAccount = input.Arpa * input.GrossMargin;
        var ltv = Ratio(marginPerAccount, averageChurn);
        var cac = Ratio(input.Spend, input.NewCustomers);
        return new UnitEconomicsFigures(
            input.GrossMargin,
            input.LtvCapMonths,
            input.Spend,
            input.PaidSpend,
            input.PaidNewCustomers,
            Asp: Ratio(input.NewMrr, input.NewCustomers),
            AverageChurnRate: averageChurn,
            Ltv: ltv,
            LtvCapped: CappedLifetimeValue(marginPerAccount, averageChurn, input.LtvCapMonths, ltv),
            Cac: cac,
            PaidCac: Ratio(input.PaidSpend, input.PaidNewCustomers),
            CacPaybackMonths: input.NewCustomers == 0 ? null : Ratio(input.Spend, input.NewMrr * input.GrossMargin),
            CacPaybackMonthsArpa: Ratio(cac, marginPerAccount),
            LtvToCac: Ratio(ltv, cac));
    }

    /// <summary>The mean of the known rates; null when no month has one.</summary>
    private static decimal? AverageOf(IReadOnlyList<decimal?> rates)
    {
        var known = rates.OfType<decimal>().ToList();
        return known.Count == 0 ? null : known.Sum() / known.Count;
    }

    /// <summary>ARPA × GM × min(1 ÷ churn, cap); the capped lifetime also covers churn 0.</summary>
    private static decimal? CappedLifetimeValue(decimal? marginPerAccount, decimal? averageChurn, int capMonths, decimal? ltv)
    {
        if (marginPerAccount is null || averageChurn is null)
        {
            return null;
        }

        // 1 ÷ churn ≥ cap ⇔ churn × cap ≤ 1, tested without dividing (and without dividing by 0).
        return averageChurn.Value * capMonths <= 1m ? marginPerAccount.Value * capMonths : ltv;
    }

    private static decimal? Ratio(decimal? numerator, decimal? denominator) =>
        numerator is null || denominator is null || denominator.Value == 0m ? null : numerator.Value / denominator.Value;
}
