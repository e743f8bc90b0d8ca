using System.Diagnostics;
using System.Globalization;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Domain.Clv;
using Pipeline.Testing;

namespace Pipeline.Benchmarks;

/// <summary>Times the CLV fits (METRICS.md §8) on simulated customers: sBG per segment, then BG/NBD and Gamma-Gamma.</summary>
/// <remarks>
/// The issue 12 acceptance sizes: 50,000 subscribers in 10 segments of 5,000 (twelve monthly cohorts each, the oldest
/// observed for 12 renewals) and 100,000 one-time buyers. The data come from <see cref="ClvSimulation"/>, the seeded
/// simulation the property tests use, with known parameters, so each fit is printed beside the truth. Only the fits are
/// timed (the simulation is reported separately); one untimed small fit of each model first pays the JIT. The fit
/// records do not expose the optimiser's iteration count, so none is printed.
/// </remarks>
internal static class ClvBenchmark
{
    private const int RenewalPeriods = 12;

    // Ten segments across the range seen in practice: Fader & Hardie's regular and high-end cohorts first.
    private static readonly ShiftedBetaGeometric[] Segments =
    [
        new(0.704, 1.182), new(0.668, 3.806), new(1.5, 4.0), new(3.0, 6.0), new(0.4, 0.9),
        new(2.0, 10.0), new(1.0, 2.0), new(4.0, 4.0), new(0.5, 3.0), new(2.5, 1.5),
    ];

    // The CDNOW estimates (Fader, Hardie & Lee 2005), customers first buying over 12 weeks and observed to week 39.
    private static readonly BetaGeometricNbd Buying = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaSpend Spending = new(6.25, 3.74, 15.44);

    public static void Run(int subscribers, int segments, int buyers, int seed)
    {
        Console.WriteLine(Invariant($"clv: {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, seed {seed}"));
        RetentionFit.Fit([.. ClvSimulation.RenewalCohorts(Segments[0], 500, RenewalPeriods, seed)]);
        var warmUp = ClvSimulation.PurchaseHistories(Buying, Spending, 1_000, 27, 39, seed);
        PurchaseFit.Fit(warmUp);
        SpendFit.Fit(warmUp);

        FitSegments(subscribers, segments, seed);
        FitPurchases(buyers, seed);
    }

    private static void FitSegments(int subscribers, int segments, int seed)
    {
        Console.WriteLine(Invariant($"sBG: {subscribers:N0} subscribers in {segments} segments, {RenewalPeriods - 1} monthly cohorts each (oldest observed for {RenewalPeriods} renewals)"));
        var total = TimeSpan.Zero;
        for (var segment = 0; segment < segments; segment++)
        {
            var truth = Segments[segment % Segments.Length];
            var customers = subscribers / segments + (segment < subscribers % segments ? 1 : 0);
            var cohorts = ClvSimulation.RenewalCohorts(truth, customers, RenewalPeriods, unchecked(seed + segment));
            var clock = Stopwatch.StartNew();
            var fit = RetentionFit.Fit([.. cohorts]);
            clock.Stop();
            total += clock.Elapsed;
            Console.WriteLine(fit.Model is { } model
                ? Invariant($"  segment {segment + 1,2}: {customers:N0} customers, {fit.Churned:N0} churned, fit {clock.Elapsed.TotalMilliseconds,7:F2} ms, log-likelihood {fit.LogLikelihood,11:F1}; α {model.Alpha:F3} (true {truth.Alpha:F3}), β {model.Beta:F3} (true {truth.Beta:F3}), S({RenewalPeriods}) {model.Survival(RenewalPeriods)[^1]:F4} (true {truth.Survival(RenewalPeriods)[^1]:F4})")
                : Invariant($"  segment {segment + 1,2}: no fit ({fit.Note})"));
        }

        Console.WriteLine(Invariant($"sBG: {segments} fits in {total.TotalMilliseconds:F1} ms"));
    }

    private static void FitPurchases(int buyers, int seed)
    {
        var simulating = Stopwatch.StartNew();
        var histories = ClvSimulation.PurchaseHistories(Buying, Spending, buyers, 27, 39, seed);
        Console.WriteLine(Invariant($"BG/NBD + Gamma-Gamma: {buyers:N0} buyers (T 27–39 weeks, times in whole days), simulated in {simulating.Elapsed.TotalSeconds:F1} s"));

        var clock = Stopwatch.StartNew();
        var purchases = PurchaseFit.Fit(histories);
        clock.Stop();
        Console.WriteLine(purchases.Model is { } model
            ? Invariant($"  BG/NBD: {purchases.Customers:N0} customers, {purchases.RepeatBuyers:N0} repeat buyers, fit {clock.Elapsed.TotalSeconds:F2} s, log-likelihood {purchases.LogLikelihood:F1}; r {model.R:F3} (true {Buying.R:F3}), α {model.Alpha:F3} (true {Buying.Alpha:F3}), a {model.A:F3} (true {Buying.A:F3}), b {model.B:F3} (true {Buying.B:F3})")
            : Invariant($"  BG/NBD: no fit ({purchases.Note})"));

        clock.Restart();
        var spend = SpendFit.Fit(histories);
        clock.Stop();
        Console.WriteLine(spend.Model is { } spendModel
            ? Invariant($"  Gamma-Gamma: {spend.RepeatBuyers:N0} repeat buyers, fit {clock.Elapsed.TotalSeconds:F2} s, log-likelihood {spend.LogLikelihood:F1}; p {spendModel.P:F3} (true {Spending.P:F3}), q {spendModel.Q:F3} (true {Spending.Q:F3}), γ {spendModel.Gamma:F3} (true {Spending.Gamma:F3})")
            : Invariant($"  Gamma-Gamma: no fit ({spend.Note})"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
