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
        IReadOnlyList<T> rows, TabularFormat format, ResponseFreshness freshness = ResponseFreshness.Live, DateTimeOffset? lastModified = null) =>
        new RepresentationResult(RepresentRows(rows, format), freshness, lastModified);

    /// <summary>One row: a JSON object (not an array), or a one-row table in the other formats.</summary>
    public static IResult Row<T>(T row, TabularFormat format, ResponseFreshness freshness = ResponseFreshness.Live, DateTimeOffset? lastModified = null) =>
        new RepresentationResult(RepresentRow(row, format), freshness, lastModified);

    /// <summary>A table built by the caller (a layout the row type cannot give, such as a cohort's month columns); not for JSON.</summary>
    public static IResult Table(
        TabularTable table, TabularFormat format, ResponseFreshness freshness = ResponseFreshness.Live, DateTimeOffset? lastModified = null) =>
        new RepresentationResult(RepresentTable(table, format), freshness, lastModified);

    /// <summary>Any JSON body with the read validators (ETag, Last-Modified, Cache-Control) and compression.</summary>
    public static IResult Json<T>(T value, ResponseFreshness freshness = ResponseFreshness.Live, DateTimeOffset? lastModified = null) =>
        new RepresentationResult(RepresentJson(value), freshness, lastModified);

    /// <summary>The invariant CSV of <paramref name="rows"/>, as <c>format=csv</c> serves it (the CLI writes the same).</summary>
    public static string ToCsv<T>(IReadOnlyList<T> rows) => TabularCsv.Write(TabularTable.Of(rows), CsvCulture.Invariant, forExcel: false);

    internal static Representation RepresentRows<T>(IReadOnlyList<T> rows, TabularFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.IsJson ? RepresentJson(rows) : RepresentTable(TabularTable.Of(rows), format);
    }

    internal static Representation RepresentRow<T>(T row, TabularFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.IsJson ? RepresentJson(row) : RepresentRows([row], format);
    }

    private static Representation RepresentJson<T>(T value) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, ApiJson.Options), JsonContentType, compressible: true);

    private static Representation RepresentTable(TabularTable table, TabularFormat format)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(format);
        return format.Kind switch
        {
            TabularFormatKind.Xlsx => new(TabularXlsx.Write(table), TabularFormat.XlsxContentType, compressible: false, download: ".xlsx"),
            TabularFormatKind.CsvExcel => new(
                [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(TabularCsv.Write(table, format.Culture, forExcel: true))],
                CsvContentType, compressible: true, download: ".csv"),
            TabularFormatKind.Csv => new(
                Encoding.UTF8.GetBytes(TabularCsv.Write(table, CsvCulture.Invariant, forExcel: false)), CsvContentType, compressible: true),
            _ => throw new ArgumentException("A table is written as CSV or XLSX; JSON is written from the rows.", nameof(format)),
        };
    }
}
