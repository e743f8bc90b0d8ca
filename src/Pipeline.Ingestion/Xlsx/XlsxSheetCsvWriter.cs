using System.Buffers;
using System.Globalization;
using System.Xml;

namespace Pipeline.Ingestion.Xlsx;

/// <summary>Streams a worksheet part to CSV text that <see cref="ExportParser"/> reads with its usual rules.</summary>
/// <remarks>
/// One CSV line per sheet row, with a blank line for each missing row so that row numbers in reports are Excel's (a
/// cell with a line break in it still adds a line, as in a CSV file). Empty cells, also those covered by a merged
/// cell, stay empty in their column. Numbers are written invariantly with at most 15 significant digits (what Excel
/// shows), so <c>59.289999999999999</c> becomes <c>59.29</c>; numbers in a date or time style become ISO 8601 text
/// (<see cref="XlsxDateStyles"/>), so a canonical file saved as <c>.xlsx</c> reads as its CSV would. Booleans become <c>TRUE</c>/<c>FALSE</c>, formula results their cached value.
/// Cells are quoted (RFC 4180) when they hold a quote, a line break or any candidate delimiter, so the sniffer can only
/// find <c>,</c>.
/// </remarks>
internal static class XlsxSheetCsvWriter
{
    public const int MaxRows = 1_048_576;
    public const int MaxColumns = 16_384;

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",;\t|\"\r\n");

    public static void Write(XmlReader sheet, IReadOnlyList<string> sharedStrings, XlsxDateStyles dateStyles, TextWriter csv, CancellationToken cancellationToken)
    {
        var cells = new List<string>();
        var lastRow = 0;
        while (sheet.Read())
        {
            if (sheet.NodeType != XmlNodeType.Element || sheet.LocalName != "row")
            {
                continue;
            }

            var row = sheet.GetAttribute("r") is { } number ? ParseRow(number) : lastRow + 1;
            if (row <= lastRow || row > MaxRows)
            {
                throw new InvalidDataException(row > MaxRows
                    ? "the sheet has more than 1,048,576 rows"
                    : string.Create(CultureInfo.InvariantCulture, $"row {row} comes after row {lastRow}"));
            }

            for (lastRow++; lastRow < row; lastRow++)
            {
                csv.Write('\n');
            }

            cells.Clear();
            if (!sheet.IsEmptyElement)
            {
                ReadCells(sheet, sharedStrings, dateStyles, cells);
            }

            WriteRow(csv, cells);
            if (row % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Reads the cells of the <c>row</c> element the reader is on, up to its end tag.</summary>
    private static void ReadCells(XmlReader sheet, IReadOnlyList<string> sharedStrings, XlsxDateStyles dateStyles, List<string> cells)
    {
        var depth = sheet.Depth;
        while (sheet.Read() && !(sheet.NodeType == XmlNodeType.EndElement && sheet.Depth == depth))
        {
            if (sheet.NodeType != XmlNodeType.Element || sheet.LocalName != "c")
            {
                continue;
            }

            var column = sheet.GetAttribute("r") is { } reference ? ColumnIndex(reference) : cells.Count;
            if (column < cells.Count || column >= MaxColumns)
            {
                throw new InvalidDataException(string.Concat("cell ", sheet.GetAttribute("r"), " is out of order or beyond column XFD"));
            }

            while (cells.Count < column)
            {
                cells.Add(string.Empty);
            }

            cells.Add(ReadCell(sheet, sharedStrings, dateStyles));
        }
    }

    /// <summary>The value of the <c>c</c> element the reader is on, as text; leaves the reader on its end tag.</summary>
    private static string ReadCell(XmlReader sheet, IReadOnlyList<string> sharedStrings, XlsxDateStyles dateStyles)
    {
        var type = sheet.GetAttribute("t");
        var isDate = int.TryParse(sheet.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var style) && dateStyles.IsDate(style);
        if (sheet.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = sheet.Depth;
        string? value = null;
        string? inline = null;
        sheet.Read();
        while (!(sheet.NodeType == XmlNodeType.EndElement && sheet.Depth == depth))
        {
            if (sheet.EOF)
            {
                throw new InvalidDataException("the sheet ends inside a cell");
            }

            if (sheet.NodeType == XmlNodeType.Element && sheet.LocalName == "v")
            {
                value = XlsxText.ReadContent(sheet);
            }
            else if (sheet.NodeType == XmlNodeType.Element && sheet.LocalName == "is")
            {
                inline = XlsxText.ReadRichText(sheet);
            }
            else
            {
                sheet.Read();
            }
        }

        return type switch
        {
            "s" => SharedString(value, sharedStrings),
            "inlineStr" => inline ?? string.Empty,
            "b" => value is null ? string.Empty : value == "1" ? "TRUE" : "FALSE",
            "str" or "e" or "d" => value ?? string.Empty,
            _ => value is null ? string.Empty : (isDate ? dateStyles.Format(value) : null) ?? Number(value),
        };
    }

    private static string SharedString(string? index, IReadOnlyList<string> sharedStrings) =>
        int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position < sharedStrings.Count
            ? sharedStrings[position]
            : throw new InvalidDataException(string.Concat("a cell refers to shared string ", index, ", which does not exist"));

    /// <summary>A number as Excel shows it: invariant, at most 15 significant digits, no exponent.</summary>
    private static string Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && Math.Abs(number) < 1e28
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : value;

    private static int ParseRow(string number) =>
        int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row > 0
            ? row
            : throw new InvalidDataException(string.Concat("row number '", number, "' is not a row"));

    /// <summary>The 0-based column of a cell reference such as <c>AB12</c>.</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var character in reference)
        {
            if (!char.IsAsciiLetter(character) || column > MaxColumns)
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(character) - 'A' + 1);
        }

        return column == 0 ? throw new InvalidDataException(string.Concat("cell reference '", reference, "' has no column")) : column - 1;
    }

    private static void WriteRow(TextWriter csv, List<string> cells)
    {
        for (var index = 0; index < cells.Count; index++)
        {
            if (index > 0)
            {
                csv.Write(',');
            }

            var cell = cells[index];
            if (cell.AsSpan().IndexOfAny(NeedsQuotes) < 0)
            {
                csv.Write(cell);
            }
            else
            {
                csv.Write('"');
                csv.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
                csv.Write('"');
            }
        }

        csv.Write('\n');
    }
}
