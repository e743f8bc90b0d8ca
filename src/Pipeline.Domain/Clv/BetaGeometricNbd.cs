namespace Pipeline.Domain.Clv;

/// <summary>
/// The BG/NBD model of non-contractual repeat buying (Fader, Hardie &amp; Lee 2005, <i>"Counting Your Customers" the Easy
/// Way</i>): while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase the
/// customer drops out with probability p ~ Beta(a, b). METRICS.md §8.
/// </summary>
/// <remarks>
/// Times are in the unit of the summaries the model was fitted on (a week for the CDNOW acceptance data). Fitted in
/// double precision; money does not enter this model (see <see cref="GammaGammaSpend"/>).
/// </remarks>
/// <param name="R">r, the shape of the purchase-rate distribution.</param>
/// <param name="Alpha">α, the scale of the purchase-rate distribution (in time units).</param>
/// <param name="A">a of the Beta distribution of the drop-out probability.</param>
/// <param name="B">b of the Beta distribution of the drop-out probability.</param>
public sealed record BetaGeometricNbd(double R, double Alpha, double A, double B)
{
    /// <summary>The per-customer log-likelihood of (x, t_x, T) (Fader, Hardie &amp; Lee 2005, eq. 6, in logs).</summary>
    /// <remarks>
    /// L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x)) + [x &gt; 0] B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)).
    /// Both terms share Γ(r+x) α^r B(a, b+x) / (Γ(r) B(a, b)); the second differs by a / (b+x−1) and its own time, so
    /// ln L = shared + ln(e^first + e^second), summed without overflow.
    /// </remarks>
    public double LogLikelihood(int x, double lastPurchaseTime, double observedTime)
    {
        var shared = SpecialFunctions.LogGamma(R + x) - SpecialFunctions.LogGamma(R) + R * Math.Log(Alpha)
            + SpecialFunctions.LogGamma(A + B) + SpecialFunctions.LogGamma(B + x)
            - SpecialFunctions.LogGamma(B) - SpecialFunctions.LogGamma(A + B + x);
        return shared + SurvivalTerms(x, lastPurchaseTime, observedTime);
    }

    /// <summary>The sample log-likelihood.</summary>
    public double LogLikelihood(IReadOnlyCollection<PurchaseSummary> customers) =>
        PurchaseData.From(customers).LogLikelihood(R, Alpha, A, B);

    /// <summary>P(alive | x, t_x, T): 1 without repeat purchases (the model's customer can only drop out after a purchase).</summary>
    public double ProbabilityAlive(int x, double lastPurchaseTime, double observedTime) =>
        x == 0 ? 1.0 : 1.0 / (1.0 + DeadToAliveOdds(x, lastPurchaseTime, observedTime));

    /// <summary>E[X(t)]: purchases a new customer is expected to make in (0, t].</summary>
    /// <remarks>(a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] (eq. 7).</remarks>
    public double ExpectedPurchases(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var hypergeometric = SpecialFunctions.Hypergeometric2F1(R, B, A + B - 1, t / (Alpha + t));
        return (A + B - 1) / (A - 1) * (1 - Math.Pow(Alpha / (Alpha + t), R) * hypergeometric);
    }

    /// <summary>E[Y(t) | x, t_x, T]: purchases expected in the next t time units from a customer with this history (eq. 10).</summary>
    public double ConditionalExpectedPurchases(double t, int x, double lastPurchaseTime, double observedTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var hypergeometric = SpecialFunctions.Hypergeometric2F1(
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

    /// <summary>Fits r, α, a, b by maximum likelihood (METRICS.md §8).</summary>
    public static PurchaseFit Fit(IReadOnlyCollection<PurchaseSummary> customers)
    {
        var data = PurchaseData.From(customers);
        PurchaseFit Unfitted(string note) => new(null, null, data.Customers, data.RepeatBuyers, note);
        if (data.Customers == 0)
        {
            return Unfitted("No customers with a purchase in the calibration period: there is nothing to fit.");
        }

        if (data.RepeatBuyers == 0)
        {
            return Unfitted("No customer bought again: without repeat purchases neither the purchase rate nor drop-out can be fitted.");
        }

        var minimum = NelderMead.Minimize(
            point => point.Any(value => Math.Abs(value) > ModelLimits.LogParameterLimit + 5)
                ? double.PositiveInfinity
                : -data.LogLikelihood(Math.Exp(point[0]), Math.Exp(point[1]), Math.Exp(point[2]), Math.Exp(point[3])),
            start: [0.0, 0.0, 0.0, 0.0]);
        if (minimum.Point.Any(value => Math.Abs(value) > ModelLimits.LogParameterLimit))
        {
            return Unfitted("The likelihood has no interior maximum (a parameter runs off to its limit): the data cannot identify the model.");
        }

        var model = new BetaGeometricNbd(
            Math.Exp(minimum.Point[0]), Math.Exp(minimum.Point[1]), Math.Exp(minimum.Point[2]), Math.Exp(minimum.Point[3]));
        return new PurchaseFit(model, -minimum.Value, data.Customers, data.RepeatBuyers, Note: null);
    }

    /// <summary>ln(e^first + e^second) of <see cref="LogLikelihood(int, double, double)"/>.</summary>
    internal double SurvivalTerms(int x, double lastPurchaseTime, double observedTime)
    {
        var aliveTerm = -(R + x) * Math.Log(Alpha + observedTime);
        var droppedTerm = x == 0
            ? double.NegativeInfinity
            : Math.Log(A) - Math.Log(B + x - 1) - (R + x) * Math.Log(Alpha + lastPurchaseTime);
        return SpecialFunctions.LogSumExp(aliveTerm, droppedTerm);
    }

    /// <summary>a / (b+x−1) · ((α+T)/(α+t_x))^(r+x): the odds that the customer dropped out after the last purchase.</summary>
    private double DeadToAliveOdds(int x, double lastPurchaseTime, double observedTime) =>
        A / (B + x - 1) * Math.Pow((Alpha + observedTime) / (Alpha + lastPurchaseTime), R + x);
}
