using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Api.Http;

/// <summary>Writes a list of flat rows as JSON, CSV, Excel CSV or XLSX with the same column names, as the client asked (<see cref="TabularFormat"/>).</summary>
/// <remarks>
/// The columns are the JSON property names in declaration order, read from the same serializer metadata
/// (<see cref="TabularTable.Of{T}"/>), so the representations can never drift apart. Plain CSV is invariant-culture
/// (<see cref="TabularCsv"/>); csv-excel is in the <c>culture=</c>'s separators; XLSX has typed cells
/// (<see cref="TabularXlsx"/>). Every response carries an ETag, Last-Modified and Cache-Control (<see cref="RepresentationResult"/>).
/// </remarks>
public static class TabularResults
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The rows in <paramref name="format"/>; <paramref name="lastModified"/> null means "now" (computed on this read).</summary>
    public static IResult Rows<T>(
        IReadOnlyList<T> rows, TabularFormat format, ResponseFreshness freshness = ResponseFreshness.Live, DateTimeOffset? lastModified = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.IsJson
            ? Json(rows, freshness, lastModified)
            : Table(TabularTable.Of(rows), format, freshness, lastModified);
    }

    /// <summary>One row: a JSON object (not an array), or a one-row table in the other formats.</summary>
    public static IResult Row<T>(T row, TabularFormat format, ResponseFreshness freshness = ResponseFreshness.Live, DateTimeOffset? lastModified = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.IsJson ? Json(row, freshness, lastModified) : Rows([row], format, freshness, lastModified);
    }

    /// <summary>A table built by the caller (a layout the row type cannot give, such as a cohort's month columns); not for JSON.</summary>
    public static IResult Table(
        TabularTable table, TabularFormat format, ResponseFreshness freshness = ResponseFreshness.Live, DateTimeOffset? lastModified = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(format);
        return format.Kind switch
        {
            TabularFormatKind.Xlsx => new RepresentationResult(
                TabularXlsx.Write(table), TabularFormat.XlsxContentType, freshness, lastModified, compressible: false),
            TabularFormatKind.CsvExcel => new RepresentationResult(
                [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(TabularCsv.Write(table, format.Culture, forExcel: true))],
                CsvContentType, freshness, lastModified),
            TabularFormatKind.Csv => new RepresentationResult(
                Encoding.UTF8.GetBytes(TabularCsv.Write(table, CsvCulture.Invariant, forExcel: false)), CsvContentType, freshness, lastModified),
            _ => throw new ArgumentException("A table is written as CSV or XLSX; JSON is written from the rows.", nameof(format)),
        };
    }

    /// <summary>Any JSON body with the read validators (ETag, Last-Modified, Cache-Control) and compression.</summary>
    public static IResult Json<T>(T value, ResponseFreshness freshness = ResponseFreshness.Live, DateTimeOffset? lastModified = null) =>
        new RepresentationResult(JsonSerializer.SerializeToUtf8Bytes(value, ApiJson.Options), JsonContentType, freshness, lastModified);

    /// <summary>The invariant CSV of <paramref name="rows"/>, as <c>format=csv</c> serves it (the CLI writes the same).</summary>
    public static string ToCsv<T>(IReadOnlyList<T> rows) => TabularCsv.Write(TabularTable.Of(rows), CsvCulture.Invariant, forExcel: false);
}
