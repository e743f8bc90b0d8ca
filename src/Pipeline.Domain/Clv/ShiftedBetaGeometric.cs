namespace Pipeline.Domain.Clv;

/// <summary>
/// The shifted-beta-geometric (sBG) model of contractual retention (Fader &amp; Hardie 2007, <i>How to Project Customer
/// Retention</i>): each customer churns at a renewal with a constant probability θ, and θ varies across customers as
/// Beta(α, β). METRICS.md §8.
/// </summary>
/// <remarks>
/// Heterogeneity is why observed retention rises with tenure: the customers likely to leave leave first. Periods are
/// counted in payments: T = t means the customer paid t periods and churned at the t-th renewal, so P(T = 1) is the
/// share lost at the first renewal. The model works in double precision (its parameters are statistical estimates, made
/// by Pipeline.Application's <c>RetentionFit</c>); money enters and leaves as decimal in <see cref="ResidualValue"/>.
/// </remarks>
/// <param name="Alpha">α &gt; 0 of the Beta distribution of the churn probability.</param>
/// <param name="Beta">β &gt; 0 of the Beta distribution of the churn probability.</param>
public sealed record ShiftedBetaGeometric(double Alpha, double Beta)
{
    /// <summary>The model's parameters, validated.</summary>
    public double Alpha { get; } = double.IsFinite(Alpha) && Alpha > 0
        ? Alpha : throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "α must be positive and finite.");

    /// <summary>β &gt; 0.</summary>
    public double Beta { get; } = double.IsFinite(Beta) && Beta > 0
        ? Beta : throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "β must be positive and finite.");

    /// <summary>P(T = t) for t = 1 … <paramref name="periods"/>: the probability of churning exactly at the t-th renewal (index t − 1).</summary>
    public double[] ChurnProbabilities(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var churn = new double[periods];
        for (var t = 1; t <= periods; t++)
        {
            churn[t - 1] = t == 1
                ? Alpha / (Alpha + Beta)
                : churn[t - 2] * (Beta + t - 2) / (Alpha + Beta + t - 1);
        }

        return churn;
    }

    /// <summary>S(t) = P(T &gt; t) for t = 0 … <paramref name="periods"/>: the share of a new cohort still alive after t renewals.</summary>
    public double[] Survival(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var survival = new double[periods + 1];
        survival[0] = 1.0;
        // S(t) = S(t−1) · r_t: computed as a product of retention rates, so it never goes negative through cancellation.
        for (var t = 1; t <= periods; t++)
        {
            survival[t] = survival[t - 1] * RetentionRate(t);
        }

        return survival;
    }

    /// <summary>The retention rate at the t-th renewal, r_t = (β + t − 1) / (α + β + t − 1) = S(t) / S(t − 1).</summary>
    public double RetentionRate(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return (Beta + t - 1) / (Alpha + Beta + t - 1);
    }

    /// <summary>
    /// P(T &gt; renewals + i | T &gt; renewals) for i = 1 … <paramref name="count"/>: the probability that a customer who has
    /// made <paramref name="renewals"/> renewals makes each of the next <paramref name="count"/> (index i − 1), the
    /// product of the retention rates r_{renewals+1} … r_{renewals+i}.
    /// </summary>
    public double[] RenewalProbabilities(int renewals, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var alive = new double[count];
        var probability = 1.0;
        for (var i = 1; i <= count; i++)
        {
            probability *= RetentionRate(renewals + i);
            alive[i - 1] = probability;
        }

        return alive;
    }

    /// <summary>
    /// The expected lifetime in periods, Σ_{t≥0} S(t) = E[1/θ] = (α + β − 1) / (α − 1); null when α ≤ 1, where the sum
    /// diverges (the heavy tail of loyal customers makes the mean lifetime infinite, though every discounted value is finite).
    /// </summary>
    public double? ExpectedLifetime => Alpha > 1 ? (Alpha + Beta - 1) / (Alpha - 1) : null;

    /// <summary>
    /// DERL (Fader &amp; Hardie 2010, <i>Customer-Base Valuation in a Contractual Setting</i>): the expected discounted
    /// residual lifetime, in payments, of a customer who has made <paramref name="renewals"/> renewals, just before the
    /// next renewal decision: B(α, β+n) / B(α, β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)) with n = renewals + 1.
    /// </summary>
    /// <param name="renewals">Renewals made so far (n − 1).</param>
    /// <param name="discountRate">The discount rate per period, d ≥ 0 (see <see cref="ClvDiscount.PerPeriod"/>); d = 0 diverges and is refused.</param>
    public double DiscountedExpectedResidualLifetime(int renewals, double discountRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        if (!(discountRate > 0) || !double.IsFinite(discountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate per period must be positive.");
        }

        var n = renewals + 1.0;
        // B(α, β+n) / B(α, β+n−1) = (β+n−1) / (α+β+n−1): the Gamma functions cancel.
        var ratio = (Beta + n - 1) / (Alpha + Beta + n - 1);
        return ratio * GaussHypergeometric.Series(1.0, Beta + n, Alpha + Beta + n, 1.0 / (1.0 + discountRate));
    }

    /// <summary>
    /// Residual CLV = per-period value × DERL, in the per-period value's own precision (decimal in, decimal out).
    /// The per-period value is the customer's MRR × months per period × gross margin (METRICS.md §8).
    /// </summary>
    public decimal ResidualValue(decimal perPeriodValue, int renewals, double discountRate) =>
        perPeriodValue * (decimal)DiscountedExpectedResidualLifetime(renewals, discountRate);
}
