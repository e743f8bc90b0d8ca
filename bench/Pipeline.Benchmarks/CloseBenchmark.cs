using System.Diagnostics;
using System.Globalization;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Benchmarks;

/// <summary>Times the monthly close over a synthetic ledger: engine build plus every month's KPIs, movements and segments.</summary>
/// <remarks>
/// The DESIGN.md target is 1,000,000 lines over 60 months in under 1 s on the 2-core reference machine. One untimed
/// warm-up run pays the JIT; then each measured run builds the engine from the lines and closes every month in order,
/// feeding each month's snapshot into the next, exactly as the close service does.
/// </remarks>
internal static class CloseBenchmark
{
    public static void Run(int lineCount, int months, int runs)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var (generated, rates, customers) = SyntheticLedger.Generate(lineCount, months);
        var objectsHeld = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        baseline = GC.GetTotalMemory(forceFullCollection: true);
        var lines = LedgerLines.Of(generated);
        var ledgerHeld = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        generated = null!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ledger: as line objects {(double)objectsHeld / lineCount:F0} B/line, in columns {(double)ledgerHeld / lineCount:F0} B/line"));
        var settings = new MetricSettings(SyntheticLedger.Eur, TimeZoneInfo.Utc);
        var context = new MonthEndContext { Rates = new ExchangeRateTable(rates), MrrBands = [100m, 1000m] };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"close: {lineCount:N0} lines, {customers:N0} customers, {months} months, {Environment.ProcessorCount} cores"));

        CloseAll(lines, settings, context, months, series: false);
        CloseAll(lines, settings, context, months, series: true);
        ReportHeldMemory(lines, settings, context, ledgerHeld);
        foreach (var series in new[] { false, true })
        {
            var timings = new List<(double Build, double Close)>();
            for (var run = 0; run < runs; run++)
            {
                GC.Collect();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var (build, close, mrr) = CloseAll(lines, settings, context, months, series);
                var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024.0 * 1024.0);
                timings.Add((build, close));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {Name(series)} run {run + 1}: engine {build:F0} ms + {months} months {close:F0} ms = {build + close:F0} ms; allocated {allocated:F0} MiB; final MRR {mrr:F2}"));
            }

            var best = timings.MinBy(timing => timing.Build + timing.Close);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"close best, {Name(series)}: {best.Build + best.Close:F0} ms (target < 1000 ms)"));
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {peak:F0} MiB"));
    }

    private static string Name(bool series) => series ? "month series (every KPI)" : "month-end calculator";

    /// <summary>
    /// What a close holds per ledger line: the revenue-line objects the ledger reader hands over and the engine built
    /// from them (its line coverage, segments and indexes), measured after full collections (the DESIGN.md target is
    /// ≤ 64 bytes per line while closing). Untimed.
    /// </summary>
    private static void ReportHeldMemory(LedgerLines lines, MetricSettings settings, MonthEndContext context, long ledgerHeld)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var revenue = new MonthlyRecurringRevenue(lines, settings);
        var engineHeld = GC.GetTotalMemory(forceFullCollection: true) - before;
        var first = MonthEndCalculator.Compute(new BillingMonth(2021, 1), [], revenue, context);
        GC.KeepAlive(revenue);
        GC.KeepAlive(first);
        double PerLine(long bytes) => (double)bytes / lines.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  held while closing: ledger columns {PerLine(ledgerHeld):F0} B/line + engine {PerLine(engineHeld):F0} B/line = {PerLine(ledgerHeld + engineHeld):F0} B/line (target ≤ 64)"));
    }

    /// <summary>Builds the engine and closes <paramref name="months"/> months in order, each against the one before.</summary>
    /// <param name="lines">The ledger.</param>
    /// <param name="settings">Reporting currency and time zone.</param>
    /// <param name="context">Rates and MRR bands.</param>
    /// <param name="months">How many months from January 2021.</param>
    /// <param name="series">
    /// Whether the months go through <see cref="MonthSeries"/>, as a close does: every KPI of METRICS.md (NRR12 and
    /// GRR12, concentration, unit economics, cohort cells) on top of the <see cref="MonthEndCalculator"/>'s MRR,
    /// movements and segments.
    /// </param>
    private static (double Build, double Close, decimal Mrr) CloseAll(
        LedgerLines lines, MetricSettings settings, MonthEndContext context, int months, bool series)
    {
        var watch = Stopwatch.StartNew();
        var revenue = new MonthlyRecurringRevenue(lines, settings);
        var build = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var monthSeries = series ? new MonthSeries(new MonthSeriesInputs { Revenue = revenue, Context = context, Ledger = lines }) : null;
        IReadOnlyList<CustomerMonthEnd> opening = [];
        var month = new BillingMonth(2021, 1);
        var mrr = 0m;
        for (var index = 0; index < months; index++, month = month.Next())
        {
            var result = monthSeries is null
                ? MonthEndCalculator.Compute(month, opening, revenue, context)
                : (monthSeries.Compute(month, opening).Computed ?? throw new InvalidOperationException($"A rate is missing for {month}.")).Result;
            opening = result.Closing;
            mrr = result.Kpis.Mrr;
        }

        return (build, watch.Elapsed.TotalMilliseconds, mrr);
    }
}
