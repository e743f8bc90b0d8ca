namespace Pipeline.Domain.Clv;

/// <summary>The discount rate of a billing period from the yearly <c>ClvDiscountRate</c> setting (METRICS.md §8).</summary>
public static class ClvDiscount
{
    /// <summary>The setting's default yearly rate, 10 %.</summary>
    public const decimal DefaultYearlyRate = 0.10m;

    /// <summary>d = (1 + yearly)^(k/12) − 1 for a period of <paramref name="months"/> months: compounding, not k/12 × yearly.</summary>
    public static double PerPeriod(decimal yearlyRate, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(yearlyRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        return Math.Pow(1.0 + (double)yearlyRate, months / 12.0) - 1.0;
    }

    /// <summary>
    /// The discount factor of a payment in month asOf + <paramref name="monthsAhead"/>: (1 + yearly)^(−(j − 1) ÷ 12). The
    /// first month after <c>asOf</c> is time zero, as the next renewal is for DERL, so a monthly subscriber's discounted
    /// payments add up to its residual CLV.
    /// </summary>
    public static double ForMonthsAhead(decimal yearlyRate, int monthsAhead)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(yearlyRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(monthsAhead);
        return Math.Pow(1.0 + (double)yearlyRate, -(monthsAhead - 1) / 12.0);
    }
}
