using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>Gathers every line a parse hands on into its result, for callers that want a file's lines in memory.</summary>
internal static class LineCollector
{
    /// <summary>Runs <paramref name="parse"/> with a handler that keeps every chunk; the result carries them as <see cref="ExportParseResult.Lines"/>.</summary>
    public static async Task<ExportParseResult> CollectAsync(Func<RevenueLineChunkHandler, Task<ExportParseResult>> parse)
    {
        var lines = new List<RevenueLine>();
        var result = await parse((chunk, _) =>
        {
            lines.AddRange(chunk);
            return ValueTask.CompletedTask;
        });
        return result with { Lines = lines };
    }
}
