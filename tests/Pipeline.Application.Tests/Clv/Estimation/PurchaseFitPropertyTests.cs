using CsCheck;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Domain.Clv;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Clv.Estimation;

/// <summary>BG/NBD fits recover the model that simulated the data (issue 12, property-test acceptance).</summary>
public sealed class PurchaseFitPropertyTests
{
    // A fit of 8,000 simulated histories takes ~0.2 s here, so few iterations per run (a new CsCheck seed each run).
    private const int Iterations = 10;

    // What a fit must get right is the mean purchase rate r/α and the mean drop-out probability a/(a+b): these drive
    // P(alive) and the expected purchases. r and α (a and b) one by one trade off along a ridge (the spread of the rates
    // is much less certain than their mean), so they are not asserted. Over 120 simulated populations the mean rate was
    // off by at most 6 % and the mean drop-out by at most 2 points (relative errors reach 30 % where few customers buy
    // twice and the drop-out is small), hence a relative bound on the one and an absolute bound on the other.
    private const double RateTolerance = 0.10;
    private const double DropOutTolerance = 0.03;

    private static readonly GammaGammaSpend TypicalSpend = new(6.0, 4.0, 15.0);

    [Fact]
    public void Fit_HistoriesSimulatedFromKnownParameters_RecoversMeanRateAndDropOut()
    {
        Gen.Select(Gen.Double[0.3, 2.0], Gen.Double[2.0, 12.0], Gen.Double[0.5, 2.5], Gen.Double[1.5, 8.0], Gen.Int[0, int.MaxValue])
            .Sample((r, alpha, a, b, seed) =>
            {
                var histories = ClvSimulation.PurchaseHistories(new BetaGeometricNbd(r, alpha, a, b), TypicalSpend, 8_000, 26, 52, seed);

                var fit = PurchaseFit.Fit(histories);

                Assert.Null(fit.Note);
                var model = fit.Model!;
                AssertRelative(r / alpha, model.R / model.Alpha, RateTolerance);
                Assert.InRange(model.A / (model.A + model.B) - a / (a + b), -DropOutTolerance, DropOutTolerance);
            }, iter: Iterations);
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual / expected - 1) <= tolerance, $"Expected {expected:G4} within {tolerance:P0}, got {actual:G4}.");
}
