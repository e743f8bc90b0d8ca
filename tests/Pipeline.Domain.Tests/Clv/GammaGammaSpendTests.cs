using Pipeline.Domain.Clv;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>Gamma-Gamma given its parameters: the expected value per purchase.</summary>
public sealed class GammaGammaSpendTests
{
    [Fact]
    public void ExpectedAverageValue_ShrinksTheCustomersMeanTowardsThePopulationMean()
    {
        var model = new GammaGammaSpend(6.25, 3.74, 15.44);

        // (γ + m̄x)p / (px + q − 1) for x = 2, m̄ = 22.35: (15.44 + 44.70) × 6.25 / (12.5 + 2.74) = 24.6639…
        var value = model.ExpectedAverageValue(2, 22.35m)!.Value;
        Assert.InRange(value, 24.6637m, 24.6641m);
        // Without repeat purchases, the population mean pγ / (q − 1) = 35.2189…
        Assert.InRange(model.ExpectedAverageValue(0, null)!.Value, 35.2188m, 35.2190m);
        Assert.Null(new GammaGammaSpend(6.25, 0.9, 15.44).ExpectedAverageValue(2, 22.35m));
    }
}
