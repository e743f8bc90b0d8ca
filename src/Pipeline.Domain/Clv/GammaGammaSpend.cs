namespace Pipeline.Domain.Clv;

/// <summary>
/// The Gamma-Gamma model of spend per purchase (Fader, Hardie &amp; Lee 2005, <i>RFM and CLV: Using Iso-Value Curves for
/// Customer Base Analysis</i>): a customer's purchase values are Gamma(p, ν) around a personal mean p/ν, and ν varies
/// across customers as Gamma(q, γ). Fitted on repeat buyers (x &gt; 0) only; independent of the purchase counts. METRICS.md §8.
/// </summary>
/// <remarks>Fitted in double precision; <see cref="ExpectedAverageValue"/> takes and returns money as decimal.</remarks>
/// <param name="P">p, the shape of the per-purchase value distribution.</param>
/// <param name="Q">q, the shape of the distribution of ν.</param>
/// <param name="Gamma">γ, the scale of the distribution of ν (in money units).</param>
public sealed record GammaGammaSpend(double P, double Q, double Gamma)
{
    /// <summary>
    /// ln f(m̄ | x) of a repeat buyer's mean value m̄ over x purchases: ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ
    /// + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
    /// </summary>
    public double LogLikelihood(int x, double meanValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        var px = P * x;
        return SpecialFunctions.LogGamma(px + Q) - SpecialFunctions.LogGamma(px) - SpecialFunctions.LogGamma(Q)
            + Q * Math.Log(Gamma) + (px - 1) * Math.Log(meanValue) + px * Math.Log(x) - (px + Q) * Math.Log(Gamma + meanValue * x);
    }

    /// <summary>The sample log-likelihood over the repeat buyers with a positive mean value.</summary>
    public double LogLikelihood(IReadOnlyCollection<PurchaseSummary> customers) =>
        SpendData(customers).Sum(buyer => LogLikelihood(buyer.X, buyer.MeanValue));

    /// <summary>
    /// The expected value per purchase, (γ + m̄x) p / (px + q − 1); for a customer without repeat purchases
    /// (x = 0, m̄ ignored) the population mean pγ / (q − 1). Null when q ≤ 1 (the mean does not exist).
    /// </summary>
    public decimal? ExpectedAverageValue(int x, decimal? meanValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        if (Q <= 1)
        {
            return null;
        }

        var mean = x == 0 ? 0.0 : (double)(meanValue ?? throw new ArgumentNullException(nameof(meanValue), "A repeat buyer needs m̄."));
        return (decimal)((Gamma + mean * x) * P / (P * x + Q - 1));
    }

    /// <summary>Fits p, q, γ by maximum likelihood on the repeat buyers with a positive mean value.</summary>
    public static SpendFit Fit(IReadOnlyCollection<PurchaseSummary> customers)
    {
        var buyers = SpendData(customers);
        SpendFit Unfitted(string note) => new(null, null, buyers.Length, note);
        if (buyers.Length < 2)
        {
            return Unfitted($"{buyers.Length} repeat buyer{(buyers.Length == 1 ? "" : "s")} with a positive spend: the spend model needs at least 2.");
        }

        var minimum = NelderMead.Minimize(
            point => point.Any(value => Math.Abs(value) > ModelLimits.LogParameterLimit + 5)
                ? double.PositiveInfinity
                : -new GammaGammaSpend(Math.Exp(point[0]), Math.Exp(point[1]), Math.Exp(point[2])).LogLikelihood(buyers),
            start: [0.0, 0.0, Math.Log(buyers.Average(buyer => buyer.MeanValue))]);
        if (minimum.Point.Any(value => Math.Abs(value) > ModelLimits.LogParameterLimit))
        {
            return Unfitted("The likelihood has no interior maximum (a parameter runs off to its limit): spend does not vary the way the model needs.");
        }

        return new SpendFit(
            new GammaGammaSpend(Math.Exp(minimum.Point[0]), Math.Exp(minimum.Point[1]), Math.Exp(minimum.Point[2])),
            -minimum.Value, buyers.Length, Note: null);
    }

    private double LogLikelihood((int X, double MeanValue)[] buyers)
    {
        var logLikelihood = 0.0;
        foreach (var (x, meanValue) in buyers)
        {
            logLikelihood += LogLikelihood(x, meanValue);
        }

        return logLikelihood;
    }

    private static (int X, double MeanValue)[] SpendData(IReadOnlyCollection<PurchaseSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return [.. customers
            .Where(customer => customer.RepeatPurchases > 0 && customer.MeanRepeatValue > 0)
            .Select(customer => (customer.RepeatPurchases, (double)customer.MeanRepeatValue!.Value))];
    }
}
