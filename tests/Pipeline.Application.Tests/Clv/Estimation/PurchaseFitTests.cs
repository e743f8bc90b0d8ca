using Pipeline.Application.Clv.Estimation;
using Pipeline.Domain.Clv;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Clv.Estimation;

/// <summary>The BG/NBD fit against Fader, Hardie &amp; Lee (2005) on the CDNOW 1/10 sample, from the published summary and from the raw log.</summary>
public sealed class PurchaseFitTests
{
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    // The paper's estimates, to its three decimals: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    private static readonly BetaGeometricNbd Published = new(0.243, 4.414, 0.793, 2.426);

    private static readonly Lazy<PurchaseFit> SummaryFit = new(() => PurchaseFit.Fit(ClvReferenceData.CdnowSummary()));

    [Fact]
    public void Fit_CdnowSummary_ReproducesThePaper()
    {
        var fit = SummaryFit.Value;

        Assert.Null(fit.Note);
        AssertPublished(fit.Model!);
        Assert.Equal(-9582.4, fit.LogLikelihood!.Value, 0.05);
        Assert.Equal(2357, fit.Customers);
        Assert.Equal(946, fit.RepeatBuyers);
    }

    [Fact]
    public void Fit_CdnowRawLog_SummarisedInWeeksToSeptember30_ReproducesThePaper()
    {
        var summaries = PurchaseSummaries.From(ClvReferenceData.CdnowTransactions(), CalibrationEnd, PurchaseTimeUnit.Week);

        var fit = PurchaseFit.Fit(summaries);

        AssertPublished(fit.Model!);
        Assert.Equal(-9582.4, fit.LogLikelihood!.Value, 0.05);
    }

    [Fact]
    public void ConditionalExpectedPurchases_MatchesHardiesSpreadsheet()
    {
        // x = 2, t_x = 30.43, T = 38.86: 1.226 purchases expected in the next 39 weeks.
        Assert.Equal(1.226, SummaryFit.Value.Model!.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), 0.0005);
    }

    [Theory]
    [InlineData(0.1429, 0.0078)]
    [InlineData(1.0, 0.0532)]
    [InlineData(3.0, 0.1506)]
    [InlineData(31.8571, 1.0405)]
    [InlineData(32.0, 1.0437)]
    [InlineData(78.0, 1.8576)]
    public void ExpectedPurchases_MatchesHardiesSpreadsheet(double weeks, double expected)
    {
        // The spreadsheet's four decimals come from its own optimum; ours agrees to 0.0004 (78 weeks: 1.8580).
        Assert.Equal(expected, SummaryFit.Value.Model!.ExpectedPurchases(weeks), 0.0005);
    }

    [Fact]
    public void ExpectedPurchases_AgreesWithTheConditionalExpectationOfANewCustomer()
    {
        // A customer observed for no time with no repeat purchase knows nothing more than the prior.
        var model = SummaryFit.Value.Model!;

        Assert.Equal(model.ExpectedPurchases(52), model.ConditionalExpectedPurchases(52, 0, 0, 0), 1e-10);
    }

    [Fact]
    public void ProbabilityAlive_IsOneWithoutRepeatPurchases_AndFallsWithTimeSinceTheLastPurchase()
    {
        var model = SummaryFit.Value.Model!;

        Assert.Equal(1.0, model.ProbabilityAlive(0, 0, 38.86));
        var recent = model.ProbabilityAlive(2, 38.0, 38.86);
        var lapsed = model.ProbabilityAlive(2, 5.0, 38.86);
        Assert.InRange(lapsed, 0.0, recent);
        Assert.InRange(recent, lapsed, 1.0);
        // By hand: 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) with the published parameters.
        var odds = 0.793 / (2.426 + 1) * Math.Pow((4.414 + 38.86) / (4.414 + 30.43), 0.243 + 2);
        Assert.Equal(1 / (1 + odds), Published.ProbabilityAlive(2, 30.43, 38.86), 1e-12);
    }

    [Fact]
    public void LogLikelihood_OfOneCustomer_IsTheTwoTermFormula()
    {
        // x = 1, t_x = 2, T = 5 with r = α = a = b = 1: L = B(1,2)/B(1,1) · Γ(2)·1/(Γ(1)·6²) + B(2,1)/B(1,1) · Γ(2)/(Γ(1)·3²).
        var model = new BetaGeometricNbd(1, 1, 1, 1);
        var expected = Math.Log(0.5 / 36 + 0.5 / 9);

        Assert.Equal(expected, model.LogLikelihood(1, 2, 5), 1e-12);
        Assert.Equal(expected + Math.Log(1.0 / 6), model.LogLikelihood([
            new PurchaseSummary("a", 1, 2, 5, 10m), new PurchaseSummary("b", 0, 0, 5, null)]), 1e-12);
    }

    [Fact]
    public void Fit_NoRepeatBuyers_ReturnsANote()
    {
        var fit = PurchaseFit.Fit([new PurchaseSummary("a", 0, 0, 10, null), new PurchaseSummary("b", 0, 0, 3, null)]);

        Assert.Null(fit.Model);
        Assert.Null(fit.LogLikelihood);
        Assert.Contains("No customer bought again", fit.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TwoBuyersWithOneRepeatEach_HasNoInteriorMaximum_AndSaysSo()
    {
        // The CLI's hand-made ledger in weeks to 1997-01-31: the simplex crawls along a ridge and never settles.
        PurchaseSummary[] summaries = [new("b1", 1, 1, 29 / 7.0, 16m), new("b2", 1, 17 / 7.0, 4, 7m)];

        var fit = PurchaseFit.Fit(summaries);

        Assert.Null(fit.Model);
        Assert.Null(fit.LogLikelihood);
        Assert.Equal((2, 2), (fit.Customers, fit.RepeatBuyers));
        Assert.Contains("no interior maximum", fit.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoCustomers_ReturnsANote()
    {
        Assert.NotNull(PurchaseFit.Fit([]).Note);
    }

    [Fact]
    public void Summary_WithALastPurchaseAfterTheEnd_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => PurchaseFit.Fit([new PurchaseSummary("a", 1, 6, 5, 1m)]));
    }

    private static void AssertPublished(BetaGeometricNbd model)
    {
        Assert.Equal(Published.R, model.R, 0.0005);
        Assert.Equal(Published.Alpha, model.Alpha, 0.0005);
        Assert.Equal(Published.A, model.A, 0.0005);
        Assert.Equal(Published.B, model.B, 0.0005);
    }
}
