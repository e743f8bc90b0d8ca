using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Api.Http;

/// <summary>Writes a list of flat rows as JSON or CSV with the same column names, as the client asked.</summary>
/// <remarks>
/// CSV is chosen by <c>format=csv</c> or an <c>Accept: text/csv</c> header. Its columns are the JSON property names
/// in declaration order, read from the same serializer metadata, so the two can never drift apart. Values are
/// invariant-culture; instants are UTC (<c>…Z</c>); null is an empty cell; text that a spreadsheet would run as a formula
/// is prefixed with '.
/// </remarks>
public static class TabularResults
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>Which representation the request asks for; a 400 problem for an unknown <c>format</c>.</summary>
    public static bool TryWantsCsv(HttpRequest request, out bool csv, [NotNullWhen(false)] out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        problem = null;
        var format = request.Query["format"].ToString();
        csv = format.Length == 0
            ? request.Headers.Accept.Any(value => value?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true)
            : string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format.Length > 0 && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            problem = ApiProblems.BadRequest($"format '{format}' is not supported: use json or csv.");
            return false;
        }

        return true;
    }

    public static IResult Rows<T>(IReadOnlyList<T> rows, bool csv) =>
        csv ? Results.Text(ToCsv(rows), CsvContentType) : Results.Json(rows, ApiJson.Options);

    public static string ToCsv<T>(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var properties = ApiJson.Options.GetTypeInfo(typeof(T)).Properties;
        var text = new StringBuilder();
        text.AppendJoin(',', properties.Select(property => Escape(property.Name))).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', properties.Select(property => Cell(property, row))).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Cell(JsonPropertyInfo property, object? row) => property.Get!(row!) switch
    {
        null => string.Empty,
        string value => Escape(value),
        DateTimeOffset instant => instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        var value => Escape(value.ToString() ?? string.Empty),
    };

    private static string Escape(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
