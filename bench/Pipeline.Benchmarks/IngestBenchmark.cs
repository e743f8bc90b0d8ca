using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>Times the streaming ingest path against the Sylvan floor for 1, 3 and 10 million lines of two formats, each in a fresh process.</summary>
/// <remarks>
/// <para>
/// The DESIGN.md targets: parse and normalise at ≥ 1,000,000 lines/s on one core, and a peak working set that does
/// not grow with the file (10 million lines within 1.2 × the peak of 1 million), so that a 10-million-line export fits a
/// 2 GB Flex Consumption instance. For each format (Stripe invoice lines in the Sigma shape, canonical revenue lines)
/// and size the file is generated once (seeded) into the temporary folder, then measured by <see cref="IngestRun"/> in
/// a child process per mode (the peak working set only ever rises, so a process measures one thing), and deleted
/// before the next size is generated, so at most one large file is on disk.
/// </para>
/// <para>
/// The child is this program again (<c>--child mode file warm-up runs</c>, with the GC mode set through
/// <c>DOTNET_gcServer</c>); its one result line is read from its output.
/// </para>
/// </remarks>
internal static class IngestBenchmark
{
    public const string ChildSwitch = "--child";

    private const int WarmUpLines = 200_000;

    /// <summary>What a child process can measure: the Sylvan floor, the parse alone, or the streaming ingest.</summary>
    public static readonly IReadOnlyList<string> Modes = ["floor", "parse", "ingest"];

    private static readonly Dictionary<string, Action<string, int, int>> Formats = new(StringComparer.Ordinal)
    {
        ["stripe-invoice-lines"] = StripeInvoiceLinesFile.Generate,
        ["canonical-revenue-lines"] = CanonicalRevenueLinesFile.Generate,
    };

    /// <param name="sizes">Lines per file.</param>
    /// <param name="formats">Keys of <see cref="Formats"/>.</param>
    /// <param name="modes">Which of <see cref="Modes"/> to measure (all by default; one alone to compare or profile it).</param>
    /// <param name="runs">Measured runs per child process (the best is kept).</param>
    /// <param name="serverGc">Server GC (the local host's and the other benchmarks') or, when false, workstation GC (the Functions worker's).</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<int> sizes, IReadOnlyList<string> formats, IReadOnlyList<string> modes, int runs, bool serverGc)
    {
        var unknown = formats.Where(format => !Formats.ContainsKey(format)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown format {string.Join(", ", unknown)}: expected {string.Join(" or ", Formats.Keys)}");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("pipeline-bench-ingest-");
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest: {string.Join(", ", formats)} at {string.Join(", ", sizes.Select(size => size.ToString("N0", CultureInfo.InvariantCulture)))} lines, best of {runs} run(s) per process; {Environment.ProcessorCount} cores, {(serverGc ? "server" : "workstation")} GC"));
            var rows = new List<IngestRow>();
            foreach (var format in formats)
            {
                rows.AddRange(await MeasureFormatAsync(folder.FullName, format, sizes, modes, runs, serverGc));
            }

            IngestTable.Write(Console.Out, rows);
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<List<IngestRow>> MeasureFormatAsync(
        string folder, string format, IReadOnlyList<int> sizes, IReadOnlyList<string> modes, int runs, bool serverGc)
    {
        var rows = new List<IngestRow>();
        var warmUp = Path.Combine(folder, $"{format}-warm-up.csv");
        Formats[format](warmUp, WarmUpLines, 7);
        foreach (var size in sizes)
        {
            var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{format}-{size}.csv"));
            var generating = Stopwatch.StartNew();
            Formats[format](file, size, 20250101);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {format} {size:N0} lines: {new FileInfo(file).Length / (1024.0 * 1024.0):F0} MiB generated in {generating.Elapsed.TotalSeconds:F1} s"));
            foreach (var mode in modes)
            {
                var result = await RunChildAsync(mode, file, warmUp, runs, serverGc);
                rows.Add(new IngestRow(format, size, mode, result));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {mode}: {result.Lines / result.Seconds:N0} lines/s, peak working set {result.PeakWorkingSet / (1024.0 * 1024.0):F0} MiB"));
            }

            File.Delete(file);
        }

        return rows;
    }

    private static async Task<IngestMeasurement> RunChildAsync(string mode, string file, string warmUp, int runs, bool serverGc)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(IngestBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { ChildSwitch, mode, file, warmUp, runs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("The benchmark child process did not start.");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return child.ExitCode == 0 && IngestMeasurement.FromOutput(output) is { } result
            ? result
            : throw new InvalidOperationException($"The {mode} child for {file} failed (exit code {child.ExitCode}): {output}");
    }

    /// <summary>The child's entry: <c>--child mode file warm-up runs</c>; prints its one result line.</summary>
    public static async Task<int> RunChildAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 5 || !int.TryParse(arguments[4], NumberStyles.None, CultureInfo.InvariantCulture, out var runs))
        {
            Console.Error.WriteLine("usage: --child floor|parse|ingest FILE WARM-UP-FILE RUNS");
            return 2;
        }

        var result = await IngestRun.MeasureAsync(arguments[1], arguments[2], arguments[3], runs);
        Console.WriteLine(result.ToLine());
        return 0;
    }
}
