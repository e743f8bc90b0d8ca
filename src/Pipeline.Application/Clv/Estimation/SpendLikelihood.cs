using Pipeline.Domain.Clv;
using static MathNet.Numerics.SpecialFunctions;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>The Gamma-Gamma model's likelihood of repeat buyers' mean spend, what <see cref="SpendFit.Fit"/> maximises.</summary>
/// <remarks>ln Γ is Math.NET's <c>GammaLn</c> (Lanczos, about 16 digits).</remarks>
public static class SpendLikelihood
{
    /// <summary>
    /// ln f(m̄ | x) of a repeat buyer's mean value m̄ over x purchases: ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ
    /// + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
    /// </summary>
    public static double LogLikelihood(this GammaGammaSpend model, int x, double meanValue)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        return LogLikelihood(model.P, model.Q, model.Gamma, x, meanValue);
    }

    /// <summary>The sample log-likelihood over the repeat buyers with a positive mean value.</summary>
    public static double LogLikelihood(this GammaGammaSpend model, IReadOnlyCollection<PurchaseSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(model);
        return LogLikelihood(model.P, model.Q, model.Gamma, Buyers(customers));
    }

    /// <summary>The sample log-likelihood of (x, m̄) pairs at p, q, γ.</summary>
    /// <remarks>q ln γ − ln Γ(q) is the same for every buyer, so it is added once per buyer count, not evaluated per buyer.</remarks>
    internal static double LogLikelihood(double p, double q, double gamma, (int X, double MeanValue)[] buyers)
    {
        var logLikelihood = buyers.Length * Shared(q, gamma);
        foreach (var (x, meanValue) in buyers)
        {
            logLikelihood += OwnTerms(p, q, gamma, x, meanValue);
        }

        return logLikelihood;
    }

    /// <summary>The repeat buyers with a positive mean value, as (x, m̄): the customers the model is fitted on.</summary>
    internal static (int X, double MeanValue)[] Buyers(IReadOnlyCollection<PurchaseSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return [.. customers
            .Where(customer => customer.RepeatPurchases > 0 && customer.MeanRepeatValue > 0)
            .Select(customer => (customer.RepeatPurchases, (double)customer.MeanRepeatValue!.Value))];
    }

    private static double LogLikelihood(double p, double q, double gamma, int x, double meanValue) =>
        Shared(q, gamma) + OwnTerms(p, q, gamma, x, meanValue);

    private static double Shared(double q, double gamma) => q * Math.Log(gamma) - GammaLn(q);

    private static double OwnTerms(double p, double q, double gamma, int x, double meanValue)
    {
        var px = p * x;
        return GammaLn(px + q) - GammaLn(px) + (px - 1) * Math.Log(meanValue) + px * Math.Log(x) - (px + q) * Math.Log(gamma + meanValue * x);
    }
}
