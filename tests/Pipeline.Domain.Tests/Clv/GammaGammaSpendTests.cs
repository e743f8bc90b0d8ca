using Pipeline.Domain.Clv;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>Gamma-Gamma against Fader, Hardie &amp; Lee (2005, RFM and CLV) on the CDNOW repeat buyers.</summary>
public sealed class GammaGammaSpendTests
{
    private static readonly Lazy<SpendFit> SummaryFit = new(() => GammaGammaSpend.Fit(ClvReferenceData.CdnowSummaryWithSpend()));

    [Fact]
    public void Fit_CdnowRawLog_ReproducesThePaper()
    {
        var summaries = PurchaseSummaries.From(ClvReferenceData.CdnowTransactions(), new DateOnly(1997, 9, 30), PurchaseTimeUnit.Week);

        var fit = GammaGammaSpend.Fit(summaries);

        // The paper: p = 6.25, q = 3.74, γ = 15.44, on the 946 repeat buyers.
        Assert.Equal(946, fit.RepeatBuyers);
        Assert.Equal(6.25, fit.Model!.P, 0.005);
        Assert.Equal(3.74, fit.Model.Q, 0.005);
        Assert.Equal(15.44, fit.Model.Gamma, 0.005);
    }

    [Fact]
    public void Fit_CdnowSummaryWithRoundedSpend_ReproducesThePaper()
    {
        var fit = SummaryFit.Value;

        Assert.Null(fit.Note);
        Assert.Equal(946, fit.RepeatBuyers);
        Assert.Equal(6.25, fit.Model!.P, 0.005);
        Assert.Equal(3.74, fit.Model.Q, 0.005);
        // zbar rounded to cents moves the optimum along the flat q–γ ridge: γ = 15.448 here (15.4435 from the raw log),
        // with a log-likelihood only 2.4e-6 above the raw log's optimum.
        Assert.Equal(15.44, fit.Model.Gamma, 0.01);
        Assert.Equal(fit.LogLikelihood!.Value, fit.Model.LogLikelihood(ClvReferenceData.CdnowSummaryWithSpend()), 1e-9);
    }

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

    [Fact]
    public void LogLikelihood_OfOneBuyer_IsTheDensityOfTheMean()
    {
        // p = 1, q = 2, γ = 3, x = 1, m̄ = 2: Γ(3)/(Γ(1)Γ(2)) · 3² · 2⁰ · 1 / (3 + 2)³ = 18/125.
        Assert.Equal(Math.Log(18.0 / 125), new GammaGammaSpend(1, 2, 3).LogLikelihood(1, 2.0), 1e-12);
    }

    [Fact]
    public void Fit_FewerThanTwoRepeatBuyers_ReturnsANote()
    {
        var fit = GammaGammaSpend.Fit([new PurchaseSummary("a", 3, 4, 10, 12.5m), new PurchaseSummary("b", 0, 0, 10, null)]);

        Assert.Null(fit.Model);
        Assert.Equal(1, fit.RepeatBuyers);
        Assert.Contains("at least 2", fit.Note, StringComparison.Ordinal);
    }
}
