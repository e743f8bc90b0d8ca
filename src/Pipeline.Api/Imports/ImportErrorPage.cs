using Pipeline.Application.Imports;
using Pipeline.Ingestion;

namespace Pipeline.Api.Imports;

/// <summary>One page of an import's listed bad-row errors, with the totals and the counts of the errors not listed.</summary>
/// <param name="Id">The import id.</param>
/// <param name="TotalErrors">Every bad-row error of the file.</param>
/// <param name="ListedErrors">The errors the report keeps in full (the first <c>Pipeline:MaxReportedRowErrors</c>), which the pages cover.</param>
/// <param name="Offset">The 0-based position of the page's first error among the listed ones.</param>
/// <param name="Limit">The most errors a page holds.</param>
/// <param name="Errors">The page: row, column, value and message.</param>
/// <param name="ErrorCounts">The errors not listed, counted per column and message.</param>
public sealed record ImportErrorPage(
    string Id, int TotalErrors, int ListedErrors, int Offset, int Limit, IReadOnlyList<RowError> Errors, IReadOnlyList<RowErrorCount> ErrorCounts)
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    public static ImportErrorPage From(ImportReport report, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ImportErrorPage(
            report.ImportId, report.TotalErrors, report.Errors.Count, offset, limit, Expanded(report.Errors, offset, limit), report.ErrorCounts);
    }

    /// <summary>The stored errors from <paramref name="offset"/>, at most <paramref name="limit"/>, with their messages as written.</summary>
    public static IReadOnlyList<RowError> Expanded(IReadOnlyList<RowError> errors, int offset, int limit) =>
        errors.Skip(offset).Take(limit).Select(error => error with { Message = ReportedRowErrors.Expand(error) }).ToList();
}
