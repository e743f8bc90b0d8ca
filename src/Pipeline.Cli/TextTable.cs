namespace Pipeline.Cli;

/// <summary>A plain aligned text table: text columns left-aligned, numbers right-aligned.</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select((header, index) => Math.Max(header.Length, rows.Count == 0 ? 0 : rows.Max(row => row[index].Length))).ToArray();
        var numeric = headers.Select((_, index) => rows.Count > 0 && rows.All(row => IsNumber(row[index]))).ToArray();
        output.WriteLine(Line(headers, widths, numeric).TrimEnd());
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths, numeric).TrimEnd());
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths, bool[] numeric) =>
        string.Join("  ", cells.Select((cell, index) => numeric[index] ? cell.PadLeft(widths[index]) : cell.PadRight(widths[index])));

    private static bool IsNumber(string cell) =>
        cell == "-" || decimal.TryParse(cell, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _);
}
