using Pipeline.Domain.Clv;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>The sBG model against Fader &amp; Hardie (2007) Table 1, the DERL check values of METRICS.md §8 and hand-made triangles.</summary>
public sealed class ShiftedBetaGeometricTests
{
    private const int CalibrationYears = 7;

    [Fact]
    public void Fit_RegularCohortYears0To7_ReproducesThePaper()
    {
        var (regular, _) = ClvReferenceData.RegularAndHighEnd();

        var fit = RetentionFit.Fit([new RetentionCohort(regular[..(CalibrationYears + 1)])]);

        Assert.Null(fit.Note);
        // The paper reports α = 0.704, β = 1.182; METRICS.md §8 quotes the six-digit values 0.704077, 1.182043.
        Assert.Equal(0.704077, fit.Model!.Alpha, 0.0000005);
        Assert.Equal(1.182043, fit.Model.Beta, 0.0000005);
        Assert.Equal(1000, fit.Customers);
        Assert.Equal(1000 - 241, fit.Churned);
        Assert.Equal(CalibrationYears, fit.MaxRenewals);
    }

    [Fact]
    public void Fit_HighEndCohortYears0To7_ReproducesThePaper()
    {
        var (_, highEnd) = ClvReferenceData.RegularAndHighEnd();

        var fit = RetentionFit.Fit([new RetentionCohort(highEnd[..(CalibrationYears + 1)])]);

        Assert.Equal(0.668, fit.Model!.Alpha, 0.0005);
        Assert.Equal(3.806, fit.Model.Beta, 0.0005);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Survival_ProjectsYears8To12_AsThePaperDoes(bool regularCohort)
    {
        var (regular, highEnd) = ClvReferenceData.RegularAndHighEnd();
        var actual = regularCohort ? regular : highEnd;
        var published = regularCohort ? new ShiftedBetaGeometric(0.704, 1.182) : new ShiftedBetaGeometric(0.668, 3.806);

        var fitted = RetentionFit.Fit([new RetentionCohort(actual[..(CalibrationYears + 1)])]).Model!.Survival(12);

        var fromPublished = published.Survival(12);
        for (var year = CalibrationYears + 1; year <= 12; year++)
        {
            // The projection is the paper's (its parameters give the same survivors to within 0.3 of a customer) …
            Assert.Equal(1000 * fromPublished[year], 1000 * fitted[year], 0.3);
            // … and tracks the survivors that were actually observed five years out: regular 220 vs 223 in year 8 to
            // 170 vs 173 in year 12; high end 460 vs 468 to 378 vs 394 (the model under-projects the loyal tail slightly).
            Assert.InRange(1000 * fitted[year] / actual[year], 0.95, 1.0);
        }
    }

    [Fact]
    public void Fit_MultiCohortTriangle_RecoversTheCurveItWasMadeFrom()
    {
        // Four cohorts of 10,000, observed 4, 3, 2 and 1 renewals: survivors of α = 3.8, β = 15.2 rounded to whole customers.
        var cohorts = ClvReferenceData.MultiCohortExample();

        var fit = RetentionFit.Fit(cohorts);

        Assert.Equal(40_000, fit.Customers);
        Assert.Equal(4, fit.MaxRenewals);
        Assert.Equal(4 * 2000 + 3 * 1520 + 2 * 1173 + 916, fit.Churned);
        Assert.Equal(3.8, fit.Model!.Alpha, 0.01);
        Assert.Equal(15.2, fit.Model.Beta, 0.05);
        Assert.Equal(fit.LogLikelihood!.Value, fit.Model.LogLikelihood(cohorts), 1e-9);
    }

    [Fact]
    public void Fit_IsAMaximumOfTheLikelihood()
    {
        var cohorts = ClvReferenceData.MultiCohortExample();
        var fit = RetentionFit.Fit(cohorts);
        var (alpha, beta) = (fit.Model!.Alpha, fit.Model.Beta);

        foreach (var (da, db) in new[] { (1.001, 1.0), (0.999, 1.0), (1.0, 1.001), (1.0, 0.999), (1.001, 1.001), (0.999, 0.999) })
        {
            Assert.True(new ShiftedBetaGeometric(alpha * da, beta * db).LogLikelihood(cohorts) < fit.LogLikelihood);
        }
    }

    [Fact]
    public void LogLikelihood_OfOneCohort_IsLostTimesLnChurnPlusAliveTimesLnSurvival()
    {
        // 100 → 60 → 45: 40 lost at renewal 1, 15 at renewal 2, 45 censored after 2.
        var model = new ShiftedBetaGeometric(1.0, 2.0);
        var p1 = 1.0 / 3.0;              // α/(α+β)
        var p2 = p1 * (2.0 + 0) / (3.0 + 1); // P(T=1)·(β+0)/(α+β+1) = 1/6
        var s2 = 1 - p1 - p2;            // 1/2

        var logLikelihood = model.LogLikelihood([new RetentionCohort([100, 60, 45])]);

        Assert.Equal(40 * Math.Log(p1) + 15 * Math.Log(p2) + 45 * Math.Log(s2), logLikelihood, 1e-10);
    }

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
    public void Fit_NoChurn_ReturnsANoteAndNoNumbers()
    {
        var fit = RetentionFit.Fit([new RetentionCohort([50, 50, 50, 50]), new RetentionCohort([20, 20])]);

        Assert.Null(fit.Model);
        Assert.Null(fit.LogLikelihood);
        Assert.Contains("No customer churned", fit.Note, StringComparison.Ordinal);
        Assert.Equal(70, fit.Customers);
    }

    [Fact]
    public void Fit_OneRenewalObserved_ReturnsANote()
    {
        var fit = RetentionFit.Fit([new RetentionCohort([100, 80]), new RetentionCohort([40, 30]), new RetentionCohort([25])]);

        Assert.Null(fit.Model);
        Assert.Contains("Only 1 renewal opportunity", fit.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EveryoneLeavesAtTheFirstRenewal_ReturnsANote()
    {
        var fit = RetentionFit.Fit([new RetentionCohort([10, 0, 0]), new RetentionCohort([5, 0])]);

        Assert.Null(fit.Model);
        Assert.Contains("Every customer churned at the first renewal", fit.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoCohorts_ReturnsANote()
    {
        var fit = RetentionFit.Fit([]);

        Assert.Null(fit.Model);
        Assert.Equal(0, fit.Customers);
        Assert.NotNull(fit.Note);
    }

    [Fact]
    public void Fit_ConstantRetention_HasNoInteriorMaximum_AndSaysSo()
    {
        // Retention exactly 50 % at every renewal: a homogeneous geometric, the sBG limit α, β → ∞ with α = β.
        var fit = RetentionFit.Fit([new RetentionCohort([1024, 512, 256, 128, 64, 32])]);

        Assert.Null(fit.Model);
        Assert.Contains("no interior maximum", fit.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void RetentionCohort_RisingCounts_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new RetentionCohort([10, 11]));
        Assert.Throws<ArgumentException>(() => new RetentionCohort([]));
    }
}
