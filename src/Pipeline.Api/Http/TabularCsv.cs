using System.Globalization;
using System.Text;

namespace Pipeline.Api.Http;

/// <summary>Writes a <see cref="TabularTable"/> as CSV: invariant for <c>format=csv</c>, in a culture's separators for <c>csv-excel</c>.</summary>
/// <remarks>
/// Null is an empty cell; instants are UTC (<c>…Z</c> in plain CSV, <c>yyyy-MM-dd HH:mm:ss</c>, which Excel reads as a
/// date-time in every locale, in csv-excel); text that a spreadsheet would run as a formula is prefixed with '.
/// </remarks>
internal static class TabularCsv
{
    private const string FormulaStarts = "=+-@\t\r";

    /// <param name="table">The table.</param>
    /// <param name="culture">The separators; <see cref="CsvCulture.Invariant"/> for plain CSV.</param>
    /// <param name="forExcel">Whether to start with a <c>sep=</c> line and write instants the way Excel reads them.</param>
    public static string Write(TabularTable table, CsvCulture culture, bool forExcel)
    {
        var text = new StringBuilder();
        var separator = culture.Separator;
        if (forExcel)
        {
            text.Append("sep=").Append(separator).Append("\r\n");
        }

        text.AppendJoin(separator, table.Columns.Select(column => Escape(column.Name))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.AppendJoin(separator, row.Select(cell => Cell(cell, culture, forExcel))).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Cell(object? cell, CsvCulture culture, bool forExcel) => cell switch
    {
        null => string.Empty,
        string value => Escape(value),
        bool flag => flag ? "true" : "false",
        DateTimeOffset instant when forExcel => instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, culture.Numbers),
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
}
