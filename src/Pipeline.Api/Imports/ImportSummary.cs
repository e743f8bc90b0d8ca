using Pipeline.Application.Imports;

namespace Pipeline.Api.Imports;

/// <summary>One dropped file in the imports list.</summary>
public sealed record ImportSummary(
    string Id,
    string FileName,
    string Status,
    string? Format,
    int Rows,
    int RowErrors,
    DateTimeOffset ReceivedAt,
    string? Reason,
    string? ReasonCode,
    string? DuplicateOf)
{
    public static ImportSummary From(ImportRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ImportSummary(
            record.ImportId, record.FileName, record.Status.ToString(), record.Format, record.Rows, record.RowErrors,
            record.ReceivedAt, record.Reason, record.ReasonCode, record.DuplicateOf);
    }
}
