using System.Diagnostics;
using System.Runtime;

namespace Pipeline.Benchmarks;

/// <summary>Waits for the JIT's background work after a warm-up, so that a measured run finds a warm process.</summary>
/// <remarks>
/// After a warm-up the runtime recompiles its hot methods optimised in the background (framework code precompiled
/// ReadyToRun among them, once called often enough), a while after the warm-up ends; a worker that has ingested before
/// has that behind it. Without the wait, 1,300–2,800 such recompilations (about a second of one core) fell into the
/// timed end-to-end ingest (the parse benchmark, whose runs repeat one file, gained nothing from it).
/// </remarks>
internal static class JitQuiet
{
    /// <summary>Returns once no method was compiled for half a second (at most 20 s): how many were, and how long it took.</summary>
    public static async Task<(long Compiled, TimeSpan Waited)> WaitAsync()
    {
        var watch = Stopwatch.StartNew();
        var (first, last, quiet) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompiledMethodCount(), 0);
        while (quiet < 2 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(250);
            var now = JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }

        return (last - first, watch.Elapsed);
    }
}
