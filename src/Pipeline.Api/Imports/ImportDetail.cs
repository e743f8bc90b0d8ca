using Pipeline.Application.Imports;
using Pipeline.Ingestion;

namespace Pipeline.Api.Imports;

/// <summary>One dropped file with its report: the first bad rows (row, column, value, what was expected) and counts of all of them.</summary>
/// <remarks>
/// <see cref="Errors"/> holds the first <see cref="ErrorsShown"/> errors; <c>GET …/imports/{id}/errors?offset=&amp;limit=</c>
/// pages through every listed error. <see cref="TotalErrors"/> counts every error of the file, <see cref="ListedErrors"/>
/// those the report keeps in full, and <see cref="ErrorCounts"/> the rest per column and message.
/// </remarks>
public sealed record ImportDetail(
    string Id,
    string FileName,
    string Status,
    string? Format,
    int Rows,
    int RowErrors,
    DateTimeOffset ReceivedAt,
    string? Reason,
    string? ReasonCode,
    string? FormatEvidence,
    string? DuplicateOf,
    DateTimeOffset? CompletedAt,
    string? FirstMonth,
    string? LastMonth,
    int RevenueLines,
    int Customers,
    int SpendRows,
    int ExchangeRates,
    int MoneyMovements,
    int Invoices,
    int SurveyResponses,
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<string> Warnings,
    int TotalErrors,
    int ListedErrors,
    IReadOnlyList<RowErrorCount> ErrorCounts)
{
    /// <summary>How many errors the detail shows; the rest are paged by the errors route.</summary>
    public const int ErrorsShown = 100;

    public static ImportDetail From(ImportRecord record, ImportReport? report)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ImportDetail(
            record.ImportId, record.FileName, record.Status.ToString(), record.Format, record.Rows, record.RowErrors,
            record.ReceivedAt, record.Reason, record.ReasonCode, report?.FormatEvidence, record.DuplicateOf, record.CompletedAt,
            record.FirstMonth?.ToString(), record.LastMonth?.ToString(), report?.RevenueLines ?? 0, report?.Customers ?? 0,
            report?.SpendRows ?? 0, report?.ExchangeRates ?? 0, report?.MoneyMovements ?? 0, report?.Invoices ?? 0,
            report?.SurveyResponses ?? 0,
            ImportErrorPage.Expanded(report?.Errors ?? [], 0, ErrorsShown), report?.Warnings ?? [], report?.TotalErrors ?? 0,
            report?.Errors.Count ?? 0, report?.ErrorCounts ?? []);
    }
}
