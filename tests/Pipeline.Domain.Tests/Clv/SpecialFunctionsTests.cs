using Pipeline.Domain.Clv;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>ln Γ and ₂F₁ against closed forms.</summary>
public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(10.0, 12.801827480081469611207717874566706164)] // ln 9!
    [InlineData(0.5, 0.57236494292470008707171367567652935582)] // ln √π
    [InlineData(100.0, 359.13420536957539877604401046028690961)] // ln 99!
    public void LogGamma_MatchesKnownValues(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12);
    }

    [Fact]
    public void LogGamma_SatisfiesTheRecurrence()
    {
        foreach (var x in new[] { 1e-3, 0.243, 0.793, 3.7, 14.9, 15.1, 250.0 })
        {
            Assert.Equal(SpecialFunctions.LogGamma(x) + Math.Log(x), SpecialFunctions.LogGamma(x + 1), 1e-12 * Math.Max(1, Math.Abs(SpecialFunctions.LogGamma(x + 1))));
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Hypergeometric_MatchesClosedForms(double z)
    {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z and ₂F₁(a, b; b; z) = (1 − z)^−a.
        Assert.Equal(-Math.Log(1 - z) / z, SpecialFunctions.Hypergeometric2F1(1, 1, 2, z), 1e-11);
        Assert.Equal(Math.Pow(1 - z, -0.7), SpecialFunctions.Hypergeometric2F1(0.7, 2.5, 2.5, z), 1e-10);
    }

    [Fact]
    public void Hypergeometric_OutsideTheUnitInterval_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.Hypergeometric2F1(1, 1, 2, 1.0));
    }
}
