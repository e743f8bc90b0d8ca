using Pipeline.Domain.Clv;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>
/// The per-time-unit forecast of METRICS.md §8 with the check parameters α = 0.704077, β = 1.182043 (Fader &amp; Hardie 2007,
/// Table 1, regular): r_t = (β + t − 1) ÷ (α + β + t − 1), so r_1 = 1.182043 ÷ 1.886120, r_2 = 2.182043 ÷ 2.886120,
/// r_8 = 8.182043 ÷ 8.886120, r_9 = 9.182043 ÷ 9.886120.
/// </summary>
public sealed class RenewalForecastTests
{
    private static readonly ShiftedBetaGeometric Regular = new(0.704077, 1.182043);
    private static readonly BillingMonth June = new(2025, 6);

    [Fact]
    public void RenewalProbabilities_NewCustomer_ProductsOfTheRetentionRates()
    {
        var alive = Regular.RenewalProbabilities(renewals: 0, count: 3);

        Assert.Equal(0.626706148, alive[0], 1e-9);
        Assert.Equal(0.626706148 * 0.756047219, alive[1], 1e-9);
        Assert.Equal(0.626706148 * 0.756047219 * 0.818822630, alive[2], 1e-9);
    }

    [Fact]
    public void PaymentProbabilities_MonthlySubscriber_EveryMonthFromTheNextRenewal()
    {
        // Started January, alive at the end of June: 5 renewals made, the 6th falls in July.
        var paying = RenewalForecast.PaymentProbabilities(Regular, new BillingMonth(2025, 1), 1, June, horizon: 3);

        Assert.Equal(Regular.RenewalProbabilities(5, 3), paying);
    }

    [Fact]
    public void PaymentProbabilities_QuarterlySubscriber_OnlyInItsRenewalMonths()
    {
        // Started in May on a quarter: no renewal made by June, the first in August (j = 2) with r_1, then November (j = 5) with r_1·r_2.
        var paying = RenewalForecast.PaymentProbabilities(Regular, new BillingMonth(2025, 5), 3, June, horizon: 6);

        Assert.Equal([0, 0.626706148, 0, 0, 0.473819440, 0], paying.Select(p => Math.Round(p, 9)).ToArray());
    }

    [Fact]
    public void PaymentProbabilities_NextRenewalAfterTheHorizon_AllZero()
    {
        var paying = RenewalForecast.PaymentProbabilities(Regular, new BillingMonth(2025, 6), 12, June, horizon: 11);

        Assert.All(paying, p => Assert.Equal(0.0, p));
    }

    [Fact]
    public void DiscountedPayments_YearlySubscriberWithSevenRenewals_AddUpToTheDerlCheckValue()
    {
        // Started 95 months before June 2025 on a year: 7 renewals made, the 8th in July (j = 1), then every 12 months.
        // Discounted at 10 % a year from July, the payments are DERL's series: 6.842316 (METRICS.md §8).
        var paying = RenewalForecast.PaymentProbabilities(Regular, June.PlusMonths(-95), 12, June, horizon: 12 * 400);

        Assert.Equal(0.920766656, paying[0], 1e-9);
        Assert.Equal(0.920766656 * 0.928781261, paying[12], 1e-9);
        var discounted = paying.Select((p, j) => p * ClvDiscount.ForMonthsAhead(0.10m, j + 1)).Sum();
        Assert.Equal(6.842316, discounted, 1e-6);
        Assert.Equal(Regular.DiscountedExpectedResidualLifetime(7, 0.10), discounted, 1e-9);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(13, 1 / 1.1)]
    [InlineData(7, 0.953462589)]
    public void ForMonthsAhead_FirstMonthIsTimeZero(int monthsAhead, double factor) =>
        Assert.Equal(factor, ClvDiscount.ForMonthsAhead(0.10m, monthsAhead), 1e-9);
}
