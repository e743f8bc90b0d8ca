using Pipeline.Domain.Clv;
using Pipeline.Testing;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>BG/NBD given its parameters, and the purchase summaries of the CDNOW raw log against the published summary.</summary>
public sealed class BetaGeometricNbdTests
{
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    // The paper's estimates, to its three decimals: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    private static readonly BetaGeometricNbd Published = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void Summaries_FromTheRawLog_AgreeWithThePublishedSummary()
    {
        var fromLog = PurchaseSummaries.From(ClvReferenceData.CdnowTransactions(), CalibrationEnd, PurchaseTimeUnit.Week)
            .ToDictionary(summary => summary.CustomerId, StringComparer.Ordinal);
        var published = ClvReferenceData.CdnowSummaryWithSpend();

        Assert.Equal(published.Length, fromLog.Count);
        foreach (var expected in published)
        {
            var actual = fromLog[expected.CustomerId];
            Assert.Equal(expected.RepeatPurchases, actual.RepeatPurchases);
            Assert.Equal(expected.LastPurchaseTime, actual.LastPurchaseTime, 0.005 + 1e-9);
            Assert.Equal(expected.ObservedTime, actual.ObservedTime, 0.005 + 1e-9);
            Assert.Equal(expected.MeanRepeatValue, actual.MeanRepeatValue is { } mean ? Math.Round(mean, 2, MidpointRounding.AwayFromZero) : null);
        }

        // Customer 1: purchases on 1997-01-01, 01-18 and 08-02 (29.33, 29.73, 14.96): x = 2, t_x = 213/7, T = 272/7.
        Assert.Equal(new PurchaseSummary("1", 2, 213 / 7.0, 272 / 7.0, 22.345m), fromLog["1"]);
    }

    [Fact]
    public void ExpectedPurchasesPerUnit_AddUpToTheConditionalExpectation_AndFallWithTime()
    {
        var perWeek = Published.ExpectedPurchasesPerUnit(39, 2, 30.43, 38.86);

        // The paper's customer with x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks.
        Assert.Equal(1.226, perWeek.Sum(), 0.0005);
        Assert.Equal(Published.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), perWeek.Sum(), 1e-12);
        Assert.Equal(Published.ConditionalExpectedPurchases(1, 2, 30.43, 38.86), perWeek[0], 1e-15);
        Assert.True(perWeek.Zip(perWeek.Skip(1)).All(pair => pair.Second < pair.First), "a customer may die, so each week expects less");
    }
}
