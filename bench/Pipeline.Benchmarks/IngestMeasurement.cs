using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>What one child process measured: one run of the floor or of the streaming ingest over one file.</summary>
/// <param name="Lines">Lines (records) read.</param>
/// <param name="Bytes">Size of the file read.</param>
/// <param name="Seconds">Wall-clock time of the best run.</param>
/// <param name="CpuSeconds">CPU time (every thread: parser, background encoder, GC) of that run.</param>
/// <param name="Collections">Garbage collections during that run, all generations.</param>
/// <param name="FullCollections">Of which gen-2 collections.</param>
/// <param name="PauseMilliseconds">GC pause time during that run.</param>
/// <param name="PeakWorkingSet">Peak working set of the process (bytes): monotonic, hence one process per measurement.</param>
/// <param name="Output">Bytes written (the Parquet lines and customers files), 0 for the floor.</param>
/// <param name="Customers">Customers with a record in the file (their records went to the customers file as they came), 0 for the floor.</param>
/// <param name="HashSeconds">The ingest's first pass, SHA-256 of the file (0 for the floor).</param>
internal sealed record IngestMeasurement(
    long Lines, long Bytes, double Seconds, double CpuSeconds, int Collections, int FullCollections, double PauseMilliseconds,
    long PeakWorkingSet, long Output, int Customers, double HashSeconds)
{
    /// <summary>Bytes still reachable when the run ended (what it keeps for the whole file), from a full collection after the clock stopped.</summary>
    public long Held { get; init; }

    /// <summary>Bytes allocated during the run, all threads.</summary>
    public long Allocated { get; init; }

    private const string Prefix = "RESULT ";

    /// <summary>The one line a child prints for its parent.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{Lines} {Bytes} {Seconds:R} {CpuSeconds:R} {Collections} {FullCollections} {PauseMilliseconds:R} {PeakWorkingSet} {Output} {Customers} {HashSeconds:R} {Held} {Allocated}");

    /// <summary>The measurement in a child's output, or null when it printed none.</summary>
    public static IngestMeasurement? FromOutput(string output)
    {
        var line = output.Split('\n').FirstOrDefault(text => text.StartsWith(Prefix, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var parts = line[Prefix.Length..].Trim().Split(' ');
        long Long(int index) => long.Parse(parts[index], CultureInfo.InvariantCulture);
        double Double(int index) => double.Parse(parts[index], CultureInfo.InvariantCulture);
        return new IngestMeasurement(Long(0), Long(1), Double(2), Double(3), (int)Long(4), (int)Long(5), Double(6), Long(7), Long(8), (int)Long(9), Double(10))
        {
            Held = Long(11),
            Allocated = Long(12),
        };
    }
}
