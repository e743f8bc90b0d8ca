using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>Cuts the two timed pipeline steps into phases at the host's storage calls (<see cref="StorageCallTimeline"/>).</summary>
/// <remarks>
/// A phase runs from one recognisable call to the next, following the order the application makes them in
/// (<c>ExportIngestionService</c>, <c>ProvisionalKpiService</c>, <c>MonthCloseService</c>); where a call is not
/// found, no phases are printed rather than wrong ones. Inside a phase, the time in storage calls is split by port
/// and the rest is what the host computed between them.
/// </remarks>
internal static class EndToEndPhases
{
    /// <summary>The ingest of the revenue-lines file, cut at the storage calls of the poller's run (calls of HTTP requests are left out).</summary>
    public static List<string> Ingest(List<StorageCallTimeline.Call> all, long start, long end, int provisionalMonths)
    {
        var calls = all.Where(call => call.Origin is null && call.End <= end).ToList();
        // The poller's sweep that finds the file may have begun before the upload ended: the last list of imports before the claim.
        var claim = First(calls, "IImportLog.TryClaimAsync", start) ?? First(calls, "IImportLog.FindAsync", start);
        var sweep = claim is null ? null : all.LastOrDefault(call => call.Origin is null && call.Name == "IImportLog.ListAsync" && call.End <= claim.Start);
        var records = claim is null ? null : First(calls, "ICloseLog.ListAsync", claim.End);

        // The refresh completes the ledger the parse fed: the file's own batch (without its lines) is the last ledger
        // read before it; when that ledger cannot be completed, the refresh reads the whole ledger back instead.
        var readBack = records is null
            ? null
            : calls.LastOrDefault(call => call.Name == "IImportLog.ListAsync" && call.Start >= claim!.End && call.End <= records.Start);
        var report = records is null ? null : First(calls, "IImportReportStore.WriteAsync", records.End);
        var save = report is null ? null : calls.LastOrDefault(call => call.Name is "IImportLog.SaveAsync" or "IImportLog.TryReplaceAsync");
        if (sweep is null || save is null || readBack is null)
        {
            return ["(the ingest's storage calls were not all found; no phases)"];
        }

        // The lines stream into the ledger writer and the tenant's ledger while the file is parsed (the writer's calls are
        // not ports' calls), so parsing and writing the batch are one phase, from the claim to the list of accepted imports
        // that completes the ledger (or reads it back).
        var phases = new Phases(calls, start, end);
        var swept = Math.Max(start, sweep!.Start);
        phases.Add("poller picks the file up", start, swept);
        phases.Add("list, read from storage and hash the file", swept, claim!.Start);
        phases.Add("claim the import", claim.Start, claim.End);
        phases.Add("read again, parse, stream the lines into Parquet row groups and the ledger, commit", claim.End, readBack!.Start);
        phases.Add("complete the ledger with the file (or read it back)", readBack.Start, records!.Start, showStorage: true);
        phases.Add(
            string.Create(CultureInfo.InvariantCulture, $"build the engine, compute and write {provisionalMonths} provisional months"),
            records.Start, report!.Start, showStorage: true);
        phases.Add("write the import report and record (Accepted)", report.Start, save.End);
        phases.Add("the benchmark's poll sees Accepted", save.End, end);
        return phases.Lines;
    }

    /// <summary>The close request, cut at its storage calls: ledger read, the months locked one by one, the provisional refresh after them.</summary>
    public static List<string> Close(List<StorageCallTimeline.Call> all, long start, long end, string origin, int months)
    {
        var calls = all.Where(call => call.Origin == origin && call.End <= end).ToList();
        var lease = First(calls, "ICloseLog.TryAcquireLeaseAsync", start);
        var lastLock = calls.LastOrDefault(call => call.Name == "ICloseLog.TryAddAsync");
        var current = lastLock is null ? null : First(calls, "IImportLog.ListAsync", lastLock.End);
        var release = calls.LastOrDefault(call => call.Name == "ICloseLog.ReleaseLeaseAsync");
        if (lease is null || current is null || release is null)
        {
            return ["(the close's storage calls were not all found; no phases)"];
        }

        // A month is written while the next is computed, so a phase's storage time can exceed its length.
        var phases = new Phases(calls, start, end);
        phases.Add("read the ledger back and merge it", start, lease.Start, showStorage: true);
        phases.Add(
            string.Create(CultureInfo.InvariantCulture, $"build the engine, compute and lock {months} months"),
            lease.Start, current.Start, showStorage: true);
        phases.Add("refresh the provisional months after them, unless the last refresh computed them from this ledger", current.Start, release.Start, showStorage: true);
        phases.Add("release the lease, list the closes, respond", release.Start, end);
        return phases.Lines;
    }

    private static StorageCallTimeline.Call? First(List<StorageCallTimeline.Call> calls, string name, long from) =>
        calls.FirstOrDefault(call => call.Name == name && call.Start >= from);

    /// <summary>Formats consecutive phases of one timed step: seconds, share, and where the time inside storage calls went.</summary>
    private sealed class Phases(List<StorageCallTimeline.Call> calls, long start, long end)
    {
        private readonly double _total = Stopwatch.GetElapsedTime(start, end).TotalSeconds;

        public List<string> Lines { get; } = [];

        public void Add(string label, long from, long to, bool showStorage = false)
        {
            var seconds = Stopwatch.GetElapsedTime(from, to).TotalSeconds;
            var line = string.Create(CultureInfo.InvariantCulture, $"{label,-75} {seconds,7:F2} s {seconds / _total,4:P0}");
            if (showStorage)
            {
                var inside = calls.Where(call => call.Start >= from && call.End <= to).ToList();
                var storage = inside.Sum(call => call.Seconds);
                var ports = inside.GroupBy(call => call.Port)
                    .Select(group => (Port: group.Key, Seconds: group.Sum(call => call.Seconds), Count: group.Count()))
                    .OrderByDescending(port => port.Seconds)
                    .Select(port => string.Create(CultureInfo.InvariantCulture, $"{port.Port} {port.Seconds:F2} s/{port.Count}"));
                var methods = inside.GroupBy(call => call.Name)
                    .Select(group => (Name: group.Key, Seconds: group.Sum(call => call.Seconds), Count: group.Count()))
                    .OrderByDescending(method => method.Seconds)
                    .Take(6)
                    .Select(method => string.Create(CultureInfo.InvariantCulture, $"{method.Name} {method.Seconds:F2} s/{method.Count}"));
                line += string.Create(CultureInfo.InvariantCulture,
                    $"{Environment.NewLine}      storage {storage:F2} s ({string.Join(", ", ports)}); between the calls {seconds - storage:F2} s");
                line += string.Create(CultureInfo.InvariantCulture, $"{Environment.NewLine}      by call: {string.Join(", ", methods)}");
            }

            Lines.Add(line);
        }
    }
}
