using System.Diagnostics;
using System.Globalization;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage;

namespace Pipeline.Benchmarks;

/// <summary>Times reading a ledger back the way a close or a provisional refresh does, phase by phase, without storage.</summary>
/// <remarks>
/// The synthetic ledger (<see cref="SyntheticLedger"/>) is written once into an in-memory Parquet lines file as the
/// ingest writes it (row groups of 16,384); each run then decodes the row groups into lines, hands every line to a
/// <see cref="LedgerAssembly"/> (statuses, corrections, credits, snapshot history) and builds the MRR engine over the
/// columnar result. The decode is also timed alone, so the assembly's own cost is the difference.
/// </remarks>
internal static class LedgerReadBenchmark
{
    public static async Task RunAsync(int lineCount, int runs)
    {
        var (lines, _, customers) = SyntheticLedger.Generate(lineCount, 72);
        using var file = new MemoryStream();
        await using (var writer = await RevenueLineParquetWriter.CreateAsync(file, null, CancellationToken.None))
        {
            await writer.WriteAsync(lines, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        lines = null!;
        var bytes = file.ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger read: {lineCount:N0} lines of {customers:N0} customers in a {bytes.Length / (1024.0 * 1024.0):F1} MiB Parquet lines file, {Environment.ProcessorCount} cores"));
        var settings = new MetricSettings(SyntheticLedger.Eur, TimeZoneInfo.Utc);
        for (var run = 0; run <= runs; run++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            var decoded = 0;
            await foreach (var group in RevenueLineParquetReader.ReadGroupsAsync(new MemoryStream(bytes, writable: false), CancellationToken.None, forRules: true))
            {
                decoded += group.Count;
            }

            var decode = watch.Elapsed.TotalMilliseconds;
            GC.Collect();
            watch.Restart();
            var assembly = new LedgerAssembly([], [], lineCount);
            await foreach (var group in RevenueLineParquetReader.ReadGroupsAsync(new MemoryStream(bytes, writable: false), CancellationToken.None, forRules: true))
            {
                foreach (var line in group)
                {
                    assembly.Add("canonical-revenue-lines", line);
                }
            }

            var added = watch.Elapsed.TotalMilliseconds;
            var ledger = assembly.Complete([DateTimeOffset.MaxValue]);
            var complete = watch.Elapsed.TotalMilliseconds - added;
            watch.Restart();
            var engine = new MonthlyRecurringRevenue(ledger.Lines, settings);
            var build = watch.Elapsed.TotalMilliseconds;
            GC.KeepAlive(engine);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(run == 0 ? "warm-up" : $"run {run}")}: decode alone {decode:F0} ms ({decoded:N0} lines); decode + assemble {added:F0} ms, complete {complete:F0} ms; engine {build:F0} ms; total read + engine {added + complete + build:F0} ms"));
        }
    }
}
