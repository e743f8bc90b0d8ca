using Pipeline.Domain.Clv;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>₂F₁ by its series against closed forms (ln Γ and ln B come from Math.NET, in Pipeline.Application).</summary>
public sealed class GaussHypergeometricTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Series_MatchesClosedForms(double z)
    {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z and ₂F₁(a, b; b; z) = (1 − z)^−a.
        Assert.Equal(-Math.Log(1 - z) / z, GaussHypergeometric.Series(1, 1, 2, z), 1e-11);
        Assert.Equal(Math.Pow(1 - z, -0.7), GaussHypergeometric.Series(0.7, 2.5, 2.5, z), 1e-10);
    }

    [Fact]
    public void Series_OutsideTheUnitInterval_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussHypergeometric.Series(1, 1, 2, 1.0));
    }
}
