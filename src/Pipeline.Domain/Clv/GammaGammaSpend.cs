namespace Pipeline.Domain.Clv;

/// <summary>
/// The Gamma-Gamma model of spend per purchase (Fader, Hardie &amp; Lee 2005, <i>RFM and CLV: Using Iso-Value Curves for
/// Customer Base Analysis</i>): a customer's purchase values are Gamma(p, ν) around a personal mean p/ν, and ν varies
/// across customers as Gamma(q, γ). Fitted on repeat buyers (x &gt; 0) only; independent of the purchase counts. METRICS.md §8.
/// </summary>
/// <remarks>
/// Fitted by maximum likelihood in double precision (Pipeline.Application's <c>SpendFit</c>);
/// <see cref="ExpectedAverageValue"/> takes and returns money as decimal.
/// </remarks>
/// <param name="P">p, the shape of the per-purchase value distribution.</param>
/// <param name="Q">q, the shape of the distribution of ν.</param>
/// <param name="Gamma">γ, the scale of the distribution of ν (in money units).</param>
public sealed record GammaGammaSpend(double P, double Q, double Gamma)
{
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
}
