using Pipeline.Ingestion;

namespace Pipeline.Application.Imports;

/// <summary>An import's content as parsed: the parse result (without its lines, which went to the ledger as they came) and their tally.</summary>
internal sealed record ParsedExport(ExportParseResult Result, RevenueLineTally Lines)
{
    /// <summary>A result that was not parsed from lines (a mapping profile).</summary>
    public static ParsedExport Without(ExportParseResult result) => new(result, new RevenueLineTally());

    /// <summary>The same content refused as a whole for <paramref name="reason"/>.</summary>
    public ParsedExport Refused(string reason, string reasonCode) =>
        this with { Result = Result with { RefusalReason = reason, ReasonCode = reasonCode } };
}
