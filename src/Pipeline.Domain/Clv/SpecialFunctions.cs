namespace Pipeline.Domain.Clv;

/// <summary>The special functions the lifetime-value models need, in double precision.</summary>
/// <remarks>
/// Domain takes no packages (DESIGN.md, checked by a dependency test), so the few functions the models use are written
/// here from their textbook definitions: ln Γ by the Stirling series after shifting the argument above 15, and the
/// Gauss hypergeometric ₂F₁ by its power series, which converges for |z| &lt; 1 (every use here has 0 ≤ z &lt; 1).
/// </remarks>
internal static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178032973640562;
    private const double StirlingThreshold = 15.0;
    private const int MaxSeriesTerms = 1_000_000;

    /// <summary>ln Γ(x) for x &gt; 0, accurate to about 1e-14 relative.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "ln Γ is evaluated for positive finite arguments only.");
        }

        // Γ(x) = Γ(x + n) / (x (x+1) … (x+n−1)): shift up until the asymptotic series is accurate to double precision.
        var shift = 0.0;
        while (x < StirlingThreshold)
        {
            shift += Math.Log(x);
            x += 1.0;
        }

        var inverse = 1.0 / x;
        var inverseSquared = inverse * inverse;
        // Stirling: ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + Σ B₂ₖ / (2k (2k−1) x^(2k−1)).
        var series = inverse * (1.0 / 12.0
            - inverseSquared * (1.0 / 360.0
            - inverseSquared * (1.0 / 1260.0
            - inverseSquared * (1.0 / 1680.0
            - inverseSquared * (1.0 / 1188.0
            - inverseSquared * (691.0 / 360360.0))))));
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series - shift;
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 and c &gt; 0, by its power series.</summary>
    /// <remarks>Terms follow t₀ = 1, tₖ₊₁ = tₖ (a+k)(b+k) z / ((c+k)(k+1)); the sum stops once a term no longer changes it.</remarks>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The series is used for 0 ≤ z < 1 only.");
        }

        if (!(c > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "c must be positive.");
        }

        var term = 1.0;
        var sum = 1.0;
        for (var k = 0; k < MaxSeriesTerms; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            // Past k > |a|, |b| the terms shrink monotonically (ratio → z), so a negligible term ends the series.
            if (Math.Abs(term) <= 1e-16 * Math.Abs(sum) && k > Math.Abs(a) + Math.Abs(b))
            {
                return sum;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(z), z, $"₂F₁ did not converge in {MaxSeriesTerms} terms.");
    }

    /// <summary>ln(eᵃ + eᵇ) without overflow; either may be −∞.</summary>
    public static double LogSumExp(double a, double b)
    {
        var max = Math.Max(a, b);
        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
