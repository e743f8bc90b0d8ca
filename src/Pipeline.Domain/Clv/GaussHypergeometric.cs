namespace Pipeline.Domain.Clv;

/// <summary>The Gauss hypergeometric function ₂F₁(a, b; c; z), which DERL and the BG/NBD expectations are made of.</summary>
/// <remarks>
/// Domain takes no packages (DESIGN.md, checked by a dependency test), and the numerics library the estimation uses
/// (Math.NET, in Pipeline.Application) has no ₂F₁ for real z anyway, so it is written here from its power series, which
/// converges for |z| &lt; 1 (every use here has 0 ≤ z &lt; 1).
/// </remarks>
internal static class GaussHypergeometric
{
    private const int MaxSeriesTerms = 1_000_000;

    /// <summary>₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 and c &gt; 0, by its power series.</summary>
    /// <remarks>Terms follow t₀ = 1, tₖ₊₁ = tₖ (a+k)(b+k) z / ((c+k)(k+1)); the sum stops once a term no longer changes it.</remarks>
    public static double Series(double a, double b, double c, double z)
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
}
