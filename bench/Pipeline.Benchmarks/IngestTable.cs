using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>Prints <see cref="IngestBenchmark"/>'s measurements as one table, then per format the figures the targets are about.</summary>
internal static class IngestTable
{
    private const double MiB = 1024.0 * 1024.0;

    public static void Write(TextWriter output, IReadOnlyList<IngestRow> rows)
    {
        output.WriteLine();
        output.WriteLine($"{"format",-24} {"lines",11} {"mode",-6} {"wall s",7} {"lines/s",11} {"lines/CPU s",11} {"MiB/s",6} {"B/line",6} {"GCs",5} {"gen2",4} {"pause ms",8} {"peak WS MiB",11} {"held MiB",8} {"out MiB",7} {"customers",9} {"hash MiB/s",10}");
        foreach (var (format, lines, mode, result) in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{format,-24} {lines,11:N0} {mode,-6} {result.Seconds,7:F2} {result.Lines / result.Seconds,11:N0} {result.Lines / result.CpuSeconds,11:N0} {result.Bytes / MiB / result.Seconds,6:F0} {result.Allocated / (double)result.Lines,6:F0} {result.Collections,5} {result.FullCollections,4} {result.PauseMilliseconds,8:F0} {result.PeakWorkingSet / MiB,11:F0} {result.Held / MiB,8:F1} {result.Output / MiB,7:F1} {result.Customers,9:N0} {HashRate(result),10}"));
        }

        output.WriteLine();
        foreach (var format in rows.Select(row => row.Format).Distinct())
        {
            WriteTargets(output, format, rows.Where(row => row.Format == format).ToList());
        }
    }

    private static string HashRate(IngestMeasurement result) =>
        result.HashSeconds > 0 ? (result.Bytes / MiB / result.HashSeconds).ToString("F0", CultureInfo.InvariantCulture) : "-";

    /// <summary>The best parse rate (target ≥ 1,000,000 lines/s on one core) and the ingest's peak for the largest file over that for the smallest (target: 10 M lines within 1.2 × 1 M).</summary>
    private static void WriteTargets(TextWriter output, string format, List<IngestRow> rows)
    {
        var parses = rows.Where(row => row.Mode == "parse").ToList();
        var ingests = rows.Where(row => row.Mode == "ingest").OrderBy(row => row.Lines).ToList();
        if (parses.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{format}: parse best {parses.Max(row => row.Result.Lines / row.Result.CpuSeconds):N0} lines per CPU second (target ≥ 1,000,000 lines/s on one core)"));
        }

        if (ingests.Count > 1)
        {
            var (smallest, largest) = (ingests[0], ingests[^1]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{format}: ingest peak working set at {largest.Lines:N0} lines is {(double)largest.Result.PeakWorkingSet / smallest.Result.PeakWorkingSet:F2} × that at {smallest.Lines:N0} (target ≤ 1.2 × from 1 M to 10 M lines)"));
        }
    }
}
