namespace Pipeline.Domain.Clv;

/// <summary>
/// The BG/NBD model of non-contractual repeat buying (Fader, Hardie &amp; Lee 2005, <i>"Counting Your Customers" the Easy
/// Way</i>): while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase the
/// customer drops out with probability p ~ Beta(a, b). METRICS.md §8.
/// </summary>
/// <remarks>
/// Times are in the unit of the summaries the model was fitted on (a week for the CDNOW acceptance data). Fitted by
/// maximum likelihood in double precision (Pipeline.Application's <c>PurchaseFit</c>: the estimation needs a numerics
/// library, which Domain does not take); money does not enter this model (see <see cref="GammaGammaSpend"/>).
/// </remarks>
/// <param name="R">r, the shape of the purchase-rate distribution.</param>
/// <param name="Alpha">α, the scale of the purchase-rate distribution (in time units).</param>
/// <param name="A">a of the Beta distribution of the drop-out probability.</param>
/// <param name="B">b of the Beta distribution of the drop-out probability.</param>
public sealed record BetaGeometricNbd(double R, double Alpha, double A, double B)
{
    /// <summary>P(alive | x, t_x, T): 1 without repeat purchases (the model's customer can only drop out after a purchase).</summary>
    public double ProbabilityAlive(int x, double lastPurchaseTime, double observedTime) =>
        x == 0 ? 1.0 : 1.0 / (1.0 + DeadToAliveOdds(x, lastPurchaseTime, observedTime));

    /// <summary>E[X(t)]: purchases a new customer is expected to make in (0, t].</summary>
    /// <remarks>(a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] (eq. 7).</remarks>
    public double ExpectedPurchases(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var hypergeometric = GaussHypergeometric.Series(R, B, A + B - 1, t / (Alpha + t));
        return (A + B - 1) / (A - 1) * (1 - Math.Pow(Alpha / (Alpha + t), R) * hypergeometric);
    }

    /// <summary>E[Y(t) | x, t_x, T]: purchases expected in the next t time units from a customer with this history (eq. 10).</summary>
    public double ConditionalExpectedPurchases(double t, int x, double lastPurchaseTime, double observedTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var hypergeometric = GaussHypergeometric.Series(
            R + x, B + x, A + B + x - 1, t / (Alpha + observedTime + t));
        var bracket = 1 - Math.Pow((Alpha + observedTime) / (Alpha + observedTime + t), R + x) * hypergeometric;
        var odds = x == 0 ? 0.0 : DeadToAliveOdds(x, lastPurchaseTime, observedTime);
        return (A + B + x - 1) / (A - 1) * bracket / (1 + odds);
    }

    /// <summary>
    /// The purchases expected in each of the next <paramref name="units"/> time units from a customer with this history
    /// (index h − 1 for unit h): E[Y(h)] − E[Y(h − 1)] of <see cref="ConditionalExpectedPurchases"/>, so they add up to E[Y(units)].
    /// </summary>
    public double[] ExpectedPurchasesPerUnit(int units, int x, double lastPurchaseTime, double observedTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var perUnit = new double[units];
        var before = 0.0;
        for (var h = 1; h <= units; h++)
        {
            var cumulative = ConditionalExpectedPurchases(h, x, lastPurchaseTime, observedTime);
            perUnit[h - 1] = cumulative - before;
            before = cumulative;
        }

        return perUnit;
    }

    /// <summary>a / (b+x−1) · ((α+T)/(α+t_x))^(r+x): the odds that the customer dropped out after the last purchase.</summary>
    private double DeadToAliveOdds(int x, double lastPurchaseTime, double observedTime) =>
        A / (B + x - 1) * Math.Pow((Alpha + observedTime) / (Alpha + lastPurchaseTime), R + x);
}
