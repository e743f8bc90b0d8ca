using Pipeline.Domain.Clv;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>The sBG model given its parameters: retention, survival, expected lifetime and the DERL check values of METRICS.md §8.</summary>
public sealed class ShiftedBetaGeometricTests
{
    [Fact]
    public void RetentionAndSurvival_FollowTheClosedForms()
    {
        var model = new ShiftedBetaGeometric(0.704077, 1.182043);

        var survival = model.Survival(12);
        var churn = model.ChurnProbabilities(12);

        Assert.Equal(1.0, survival[0]);
        for (var t = 1; t <= 12; t++)
        {
            Assert.Equal((1.182043 + t - 1) / (0.704077 + 1.182043 + t - 1), model.RetentionRate(t), 1e-15);
            Assert.Equal(survival[t - 1] - churn[t - 1], survival[t], 1e-14);
        }

        // Regular cohort year 1: 1000 × β/(α+β) = 626.7 survivors (631 observed).
        Assert.Equal(626.70, 1000 * survival[1], 0.01);
    }

    [Fact]
    public void ExpectedLifetime_IsTheSumOfSurvival_AndNullWhenItDiverges()
    {
        var model = new ShiftedBetaGeometric(3.8, 15.2);
        var survival = model.Survival(200_000);
        // S(t) ~ c t^−α: the tail past 200,000 periods is below 1e-12 here.

        Assert.Equal(survival.Sum(), model.ExpectedLifetime!.Value, 1e-9);
        Assert.Equal(18.0 / 2.8, model.ExpectedLifetime.Value, 1e-12);
        Assert.Null(new ShiftedBetaGeometric(0.704077, 1.182043).ExpectedLifetime);
    }

    [Theory]
    [InlineData(7, 6.842316)]
    [InlineData(0, 2.964400)]
    public void Derl_MatchesTheCheckValuesOfMetrics(int renewals, double expected)
    {
        var model = new ShiftedBetaGeometric(0.704077, 1.182043);

        Assert.Equal(expected, model.DiscountedExpectedResidualLifetime(renewals, 0.10), 0.0000005);
    }

    [Fact]
    public void Derl_EqualsTheDiscountedSumOfFuturePayments()
    {
        // DERL = Σ_{t≥n} S(t) / S(n−1) / (1+d)^(t−n): the payment of the coming (n-th) renewal is made now, undiscounted,
        // each later one a period further off; each weighted by the chance of surviving to it from here.
        var model = new ShiftedBetaGeometric(3.8, 15.2);
        const double d = 0.05;
        const int renewals = 3;
        var survival = model.Survival(3_000);
        var sum = 0.0;
        for (var t = renewals + 1; t < survival.Length; t++)
        {
            sum += survival[t] / survival[renewals] / Math.Pow(1 + d, t - renewals - 1);
        }

        Assert.Equal(sum, model.DiscountedExpectedResidualLifetime(renewals, d), 1e-9);
    }

    [Fact]
    public void ResidualValue_IsPerPeriodValueTimesDerl_InDecimal()
    {
        var model = new ShiftedBetaGeometric(0.704077, 1.182043);
        // A yearly customer at MRR 100, gross margin 0.8: per-period value 100 × 12 × 0.8 = 960.
        var value = model.ResidualValue(960m, renewals: 7, discountRate: ClvDiscount.PerPeriod(0.10m, 12));

        Assert.InRange(value, 960m * 6.8423155m, 960m * 6.8423165m);
    }

    [Theory]
    [InlineData(12, 0.10)]
    [InlineData(1, 0.0079741404289037)]
    [InlineData(3, 0.0241136890844451)]
    public void DiscountPerPeriod_CompoundsTheYearlyRate(int months, double expected)
    {
        Assert.Equal(expected, ClvDiscount.PerPeriod(0.10m, months), 1e-12);
    }

    [Fact]
    public void RetentionCohort_RisingCounts_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new RetentionCohort([10, 11]));
        Assert.Throws<ArgumentException>(() => new RetentionCohort([]));
    }
}
