using Pipeline.Application.Clv.Estimation;
using Pipeline.Domain.Clv;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Clv.Estimation;

/// <summary>The Gamma-Gamma fit against Fader, Hardie &amp; Lee (2005, RFM and CLV) on the CDNOW repeat buyers, and its likelihood.</summary>
public sealed class SpendFitTests
{
    private static readonly Lazy<SpendFit> SummaryFit = new(() => SpendFit.Fit(ClvReferenceData.CdnowSummaryWithSpend()));

    [Fact]
    public void Fit_CdnowRawLog_ReproducesThePaper()
    {
        var summaries = PurchaseSummaries.From(ClvReferenceData.CdnowTransactions(), new DateOnly(1997, 9, 30), PurchaseTimeUnit.Week);

        var fit = SpendFit.Fit(summaries);

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
    public void LogLikelihood_OfOneBuyer_IsTheDensityOfTheMean()
    {
        // p = 1, q = 2, γ = 3, x = 1, m̄ = 2: Γ(3)/(Γ(1)Γ(2)) · 3² · 2⁰ · 1 / (3 + 2)³ = 18/125.
        Assert.Equal(Math.Log(18.0 / 125), new GammaGammaSpend(1, 2, 3).LogLikelihood(1, 2.0), 1e-12);
    }

    [Fact]
    public void Fit_FewerThanTwoRepeatBuyers_ReturnsANote()
    {
        var fit = SpendFit.Fit([new PurchaseSummary("a", 3, 4, 10, 12.5m), new PurchaseSummary("b", 0, 0, 10, null)]);

        Assert.Null(fit.Model);
        Assert.Equal(1, fit.RepeatBuyers);
        Assert.Contains("at least 2", fit.Note, StringComparison.Ordinal);
    }
}
