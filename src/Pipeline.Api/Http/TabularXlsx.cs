using System.Data;
using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Pipeline.Api.Http;

/// <summary>Writes a <see cref="TabularTable"/> as an XLSX workbook (MiniExcel): one sheet, a header row, typed cells.</summary>
/// <remarks>
/// Numbers are number cells (amounts at their rounded value, rates as fractions shown as percentages), months are date
/// cells (the month's first day, shown <c>yyyy-mm</c>), instants are UTC date-times, null is an empty cell. Text is
/// written as text, never as a formula, so it needs no CSV-style escaping.
/// </remarks>
internal static class TabularXlsx
{
    private const string SheetName = "rows";

    public static byte[] Write(TabularTable table)
    {
        using var data = new DataTable(SheetName) { Locale = CultureInfo.InvariantCulture };
        foreach (var column in table.Columns)
        {
            data.Columns.Add(column.Name, typeof(object));
        }

        foreach (var row in table.Rows)
        {
            data.Rows.Add(row.Select((cell, index) => Cell(cell, table.Columns[index].Format)).ToArray());
        }

        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns = table.Columns.Select(Column).OfType<DynamicExcelColumn>().ToArray(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(data, sheetName: SheetName, configuration: configuration);
        return stream.ToArray();
    }

    private static DynamicExcelColumn? Column(TabularColumn column) => column.Format switch
    {
        CellFormat.Month => new DynamicExcelColumn(column.Name) { Format = "yyyy-mm" },
        CellFormat.Percent => new DynamicExcelColumn(column.Name) { Format = "0.00%" },
        _ => null,
    };

    private static object Cell(object? cell, CellFormat format) => cell switch
    {
        null => DBNull.Value,
        string month when format == CellFormat.Month
            && DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) => first,
        DateTimeOffset instant => instant.UtcDateTime,
        DateOnly day => day.ToDateTime(TimeOnly.MinValue),
        _ => cell,
    };
}
