using System.Diagnostics;
using System.Security.Cryptography;
using Pipeline.Ingestion;
using Pipeline.Storage;

namespace Pipeline.Benchmarks;

/// <summary>The child side of <see cref="IngestBenchmark"/>: measures one mode over one file in a process of its own.</summary>
/// <remarks>
/// <para>
/// <c>ingest</c> is the streaming path of an ingest after its hash pass: <see cref="ExportParser"/> reads the file from
/// a <see cref="FileStream"/> and hands each chunk of lines to a <see cref="RevenueLineParquetWriter"/>, which encodes it
/// as a row group in the background while the next chunk is parsed, exactly as the blob store's batch writer does; the
/// Parquet goes to a local temporary file instead of staged blocks (no network, so the figures are parse + normalise +
/// encode), and the customers file is written at the end as the commit writes it. The SHA-256 pass that precedes the
/// parse in an ingest is timed on its own.
/// </para>
/// <para>
/// <c>parse</c> is the same parse with a null sink (each chunk counted and dropped): parse and normalise alone, the
/// figure the DESIGN.md target is about. <c>floor</c> is <see cref="SylvanFloor"/> over the same bytes: reading every
/// field, keeping nothing.
/// </para>
/// <para>
/// Two untimed runs over a small file of the same format, half a second apart, pay the JIT first (the pause lets tiered
/// compilation replace the first run's code with optimised code, as it would in a worker that has ingested before). With <c>runs</c> above one the best run's
/// figures are kept; the peak working set is the process's, over everything it did.
/// </para>
/// </remarks>
internal static class IngestRun
{
    public static async Task<IngestMeasurement> MeasureAsync(string mode, string path, string warmUp, int runs)
    {
        Func<string, Task<Outcome>> operation = mode switch
        {
            "ingest" => IngestAsync,
            "parse" => ParseAsync,
            "floor" => FloorAsync,
            _ => throw new ArgumentException($"Unknown mode '{mode}': expected floor, parse or ingest.", nameof(mode)),
        };
        await operation(warmUp);
        await Task.Delay(500);
        await operation(warmUp);
        var hashSeconds = mode == "ingest" ? await HashAsync(path) : 0d;
        IngestMeasurement? best = null;
        for (var run = 0; run < runs; run++)
        {
            var measured = await TimeAsync(operation, path, hashSeconds);
            best = best is null || measured.Seconds < best.Seconds ? measured : best;
        }

        return best! with { PeakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64 };
    }

    private static async Task<IngestMeasurement> TimeAsync(
        Func<string, Task<Outcome>> operation, string path, double hashSeconds)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var (pausedBefore, collectionsBefore, fullBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(2));
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var outcome = await operation(path);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var (collections, full, paused) = (GC.CollectionCount(0) - collectionsBefore, GC.CollectionCount(2) - fullBefore, GC.GetTotalPauseDuration() - pausedBefore);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var held = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        GC.KeepAlive(outcome.Kept);
        return new IngestMeasurement(
            outcome.Lines, new FileInfo(path).Length, seconds, cpu, collections, full, paused.TotalMilliseconds, 0, outcome.Output,
            outcome.Customers, hashSeconds) { Held = held, Allocated = allocated };
    }

    private static async Task<Outcome> IngestAsync(string path)
    {
        var linesFile = Path.ChangeExtension(path, ".parquet");
        var customersFile = Path.ChangeExtension(path, ".customers.parquet");
        try
        {
            var (lines, result) = await WriteFilesAsync(path, linesFile, customersFile);
            return new Outcome(lines, new FileInfo(linesFile).Length + new FileInfo(customersFile).Length, result.CustomerCount, result);
        }
        finally
        {
            File.Delete(linesFile);
            File.Delete(customersFile);
        }
    }

    /// <summary>Parses the file into a Parquet lines file and a customers file, both written as the parse hands them on.</summary>
    private static async Task<(long Lines, ExportParseResult Result)> WriteFilesAsync(string path, string linesFile, string customersFile)
    {
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        await using var output = new FileStream(linesFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await using var customersOutput = new FileStream(customersFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await using var lines = await RevenueLineParquetWriter.CreateAsync(output, rowGroupWritten: null, CancellationToken.None);
        await using var customers = await CustomerParquetWriter.CreateAsync(customersOutput, CancellationToken.None);
        var options = new ExportParseOptions(TimeZoneInfo.Utc);
        var result = await new ExportParser().ParseAsync(
            input, Path.GetFileName(path), options, async (chunk, token) => await lines.WriteAsync(chunk, token),
            async (chunk, token) => await customers.WriteAsync(chunk, token), CancellationToken.None);
        if (result.IsRefused || result.BadRows > 0)
        {
            throw new InvalidOperationException($"The generated file was not read cleanly: {result.RefusalReason ?? result.Errors[0].Message}");
        }

        await lines.CompleteAsync(CancellationToken.None);
        await customers.CompleteAsync(CancellationToken.None);
        return (lines.Lines, result);
    }

    /// <summary>The streaming parse alone: chunks of lines and customer records are counted and dropped (a null sink), as an ingest hands them on.</summary>
    private static async Task<Outcome> ParseAsync(string path)
    {
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var lines = 0L;
        var result = await new ExportParser().ParseAsync(input, Path.GetFileName(path), new ExportParseOptions(TimeZoneInfo.Utc), (chunk, _) =>
        {
            lines += chunk.Count;
            return ValueTask.CompletedTask;
        }, (_, _) => ValueTask.CompletedTask, CancellationToken.None);
        return result.IsRefused ? throw new InvalidOperationException(result.RefusalReason) : new Outcome(lines, 0, result.CustomerCount, result);
    }

    private static async Task<Outcome> FloorAsync(string path)
    {
        var (rows, _) = await SylvanFloor.ReadAsync(path);
        return new Outcome(rows, 0, 0, Kept: null);
    }

    private static async Task<double> HashAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        await SHA256.HashDataAsync(input);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>What a run did, and what it still holds at its end (the parse result), measured once the clock has stopped.</summary>
    private sealed record Outcome(long Lines, long Output, int Customers, object? Kept);
}
