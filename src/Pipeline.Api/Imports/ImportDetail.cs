using Pipeline.Application.Imports;
using Pipeline.Ingestion;

namespace Pipeline.Api.Imports;

/// <summary>One dropped file with everything its report says: every bad row, with row, column, value and what was expected.</summary>
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
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<string> Warnings)
{
    public static ImportDetail From(ImportRecord record, ImportReport? report)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ImportDetail(
            record.ImportId, record.FileName, record.Status.ToString(), record.Format, record.Rows, record.RowErrors,
            record.ReceivedAt, record.Reason, record.ReasonCode, report?.FormatEvidence, record.DuplicateOf, record.CompletedAt,
            record.FirstMonth?.ToString(), record.LastMonth?.ToString(), report?.RevenueLines ?? 0, report?.Customers ?? 0,
            report?.SpendRows ?? 0, report?.ExchangeRates ?? 0, report?.MoneyMovements ?? 0, report?.Invoices ?? 0, report?.Errors ?? [],
            report?.Warnings ?? []);
    }
}
