using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>CPU time of this process and of Azurite, and the collections and pause time of the GC: totals so far, or a difference of two.</summary>
internal readonly record struct ProcessUsage(TimeSpan Cpu, TimeSpan? AzuriteCpu, int Collections, int FullCollections, TimeSpan GcPause)
{
    public static ProcessUsage Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessUsage(
            process.TotalProcessorTime, ChildCpuTime(), GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }

    public static ProcessUsage operator -(ProcessUsage after, ProcessUsage before) => new(
        after.Cpu - before.Cpu,
        after.AzuriteCpu - before.AzuriteCpu,
        after.Collections - before.Collections,
        after.FullCollections - before.FullCollections,
        after.GcPause - before.GcPause);

    public string Describe(double wallSeconds) => string.Create(CultureInfo.InvariantCulture,
        $"{Cpu.TotalSeconds:F1} s CPU in this process + {Seconds(AzuriteCpu?.TotalSeconds)} in Azurite over {wallSeconds:F1} s wall; {Collections} GCs ({FullCollections} full) pausing {GcPause.TotalSeconds:F2} s");

    private static string Seconds(double? seconds) =>
        seconds is { } value ? value.ToString("F1", CultureInfo.InvariantCulture) + " s" : "n/a";

    /// <summary>
    /// The CPU time Azurite has used so far: the processes this one started (on Linux, found by their parent id);
    /// null when there are none (storage from <c>PIPELINE_TEST_STORAGE</c>) or they cannot be found on this OS.
    /// </summary>
    private static TimeSpan? ChildCpuTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var total = TimeSpan.Zero;
        var found = false;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(directory => Path.Combine(directory, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue; // not a process, or one that just ended
            }

            // "pid (comm) state ppid …": the name may hold spaces and parentheses, so split after its last ')'.
            var fields = text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[1] != self || !int.TryParse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                using var child = Process.GetProcessById(pid);
                total += child.TotalProcessorTime;
                found = true;
            }
            catch (ArgumentException)
            {
                // it ended meanwhile
            }
        }

        return found ? total : null;
    }
}
