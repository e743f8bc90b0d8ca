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

    /// <remarks>A list property marked <see cref="CsvColumnsAttribute"/> takes that many columns, <c>name1</c> … <c>nameN</c>.</remarks>
    public static string ToCsv<T>(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = ApiJson.Options.GetTypeInfo(typeof(T)).Properties.SelectMany(Columns).ToList();
        var text = new StringBuilder();
        text.AppendJoin(',', columns.Select(column => Escape(column.Name))).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', columns.Select(column => Cell(column.Value(row!)))).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>The CSV columns of one property: itself, or one per element of a spread list.</summary>
    private static IEnumerable<(string Name, Func<object, object?> Value)> Columns(JsonPropertyInfo property)
    {
        var get = property.Get!;
        if (property.AttributeProvider?.GetCustomAttributes(typeof(CsvColumnsAttribute), inherit: false) is not [CsvColumnsAttribute spread])
        {
            return [(property.Name, get)];
        }

        return Enumerable.Range(0, spread.Count).Select(index => (
            string.Create(CultureInfo.InvariantCulture, $"{property.Name}{index + 1}"),
            (Func<object, object?>)(row => get(row) is System.Collections.IList list && index < list.Count ? list[index] : null)));
    }

    private static string Cell(object? cell) => cell switch
    {
        null => string.Empty,
        string value => Escape(value),
        bool flag => flag ? "true" : "false",
        DateTimeOffset instant => instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        var value => Escape(value.ToString() ?? string.Empty),
    };

    /// <summary>Neutralises formula starts and quotes what a spreadsheet would split.</summary>
    /// <remarks>
    /// Excel reads a CSV with the list separator of its locale: <c>,</c> in en-US, <c>;</c> in nl-NL and de-DE. A cell
    /// that starts a field under either separator — the value's start, or just after a <c>,</c> or <c>;</c> inside it
    /// — and begins with <c>= + - @</c>, a tab or a carriage return would become a formula, so it gets a leading
    /// <c>'</c> (OWASP's CSV-injection advice). A value holding either separator, a quote or a line break is quoted.
    /// </remarks>
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        var fieldStart = true;
        foreach (var character in value)
        {
            if (fieldStart && FormulaStarts.Contains(character, StringComparison.Ordinal))
            {
                text.Append('\'');
            }

            text.Append(character);
            fieldStart = character is ',' or ';';
        }

        var escaped = text.ToString();
        return escaped.AsSpan().IndexOfAny(",;\"\r\n") < 0 ? escaped : $"\"{escaped.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    private const string FormulaStarts = "=+-@\t\r";
}
