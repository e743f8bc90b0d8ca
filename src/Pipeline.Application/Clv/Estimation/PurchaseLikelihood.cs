using Pipeline.Domain.Clv;
using static MathNet.Numerics.SpecialFunctions;

namespace Pipeline.Application.Clv.Estimation;

/// <summary>The BG/NBD model's likelihood of purchase histories, what <see cref="PurchaseFit.Fit"/> maximises.</summary>
/// <remarks>ln Γ and ln B are Math.NET's <c>GammaLn</c> and <c>BetaLn</c> (Lanczos, about 16 digits).</remarks>
public static class PurchaseLikelihood
{
    /// <summary>The per-customer log-likelihood of (x, t_x, T) (Fader, Hardie &amp; Lee 2005, eq. 6, in logs).</summary>
    /// <remarks>
    /// L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x)) + [x &gt; 0] B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)).
    /// Both terms share Γ(r+x) α^r B(a, b+x) / (Γ(r) B(a, b)); the second differs by a / (b+x−1) and its own time, so
    /// ln L = shared + ln(e^first + e^second), summed without overflow.
    /// </remarks>
    public static double LogLikelihood(this BetaGeometricNbd model, int x, double lastPurchaseTime, double observedTime)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (r, alpha, a, b) = (model.R, model.Alpha, model.A, model.B);
        var shared = GammaLn(r + x) - GammaLn(r) + r * Math.Log(alpha) + BetaLn(a, b + x) - BetaLn(a, b);
        return shared + SurvivalTerms(r, alpha, a, b, x, lastPurchaseTime, observedTime);
    }

    /// <summary>The sample log-likelihood.</summary>
    /// <exception cref="ArgumentException">A summary is not a purchase history (see <see cref="PurchaseSummary.Validate"/>).</exception>
    public static double LogLikelihood(this BetaGeometricNbd model, IReadOnlyCollection<PurchaseSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(model);
        return PurchaseData.From(customers).LogLikelihood(model.R, model.Alpha, model.A, model.B);
    }

    /// <summary>ln(e^first + e^second) of <see cref="LogLikelihood(BetaGeometricNbd, int, double, double)"/>.</summary>
    private static double SurvivalTerms(double r, double alpha, double a, double b, int x, double lastPurchaseTime, double observedTime)
    {
        var aliveTerm = -(r + x) * Math.Log(alpha + observedTime);
        if (x == 0)
        {
            return aliveTerm;
        }

        var droppedTerm = Math.Log(a) - Math.Log(b + x - 1) - (r + x) * Math.Log(alpha + lastPurchaseTime);
        return LogSumExp(aliveTerm, droppedTerm);
    }

    /// <summary>ln(eᵘ + eᵛ) = max + ln(1 + e^(min − max)): never overflows, and is exact when one term underflows.</summary>
    internal static double LogSumExp(double u, double v)
    {
        var (larger, smaller) = u >= v ? (u, v) : (v, u);
        return larger + Math.Log(1.0 + Math.Exp(smaller - larger));
    }
}
