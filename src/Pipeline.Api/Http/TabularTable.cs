using System.Globalization;
using System.Text.Json.Serialization.Metadata;

namespace Pipeline.Api.Http;

/// <summary>Columns and rows of cells: the one shape every CSV and XLSX response is written from.</summary>
/// <remarks>A cell is null (empty), text, a number, a bool, a <see cref="DateTimeOffset"/> or a <see cref="DateOnly"/>.</remarks>
public sealed record TabularTable(IReadOnlyList<TabularColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>The table of flat rows: columns are the JSON property names in declaration order, from the same serializer metadata.</summary>
    /// <remarks>A list property marked <see cref="CsvColumnsAttribute"/> takes that many columns, <c>name1</c> … <c>nameN</c>.</remarks>
    public static TabularTable Of<T>(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = ApiJson.Options.GetTypeInfo(typeof(T)).Properties.SelectMany(ColumnsOf).ToList();
        return new TabularTable(
            columns.Select(column => column.Column).ToList(),
            rows.Select(row => columns.Select(column => column.Value(row!)).ToArray()).ToList());
    }

    /// <summary>The columns of one property: itself, or one per element of a spread list.</summary>
    private static IEnumerable<(TabularColumn Column, Func<object, object?> Value)> ColumnsOf(JsonPropertyInfo property)
    {
        var get = property.Get!;
        var format = property.AttributeProvider?.GetCustomAttributes(typeof(CellFormatAttribute), inherit: false) is [CellFormatAttribute cell]
            ? cell.Format
            : CellFormat.Value;
        if (property.AttributeProvider?.GetCustomAttributes(typeof(CsvColumnsAttribute), inherit: false) is not [CsvColumnsAttribute spread])
        {
            return [(new TabularColumn(property.Name, format), get)];
        }

        return Enumerable.Range(0, spread.Count).Select(index => (
            new TabularColumn(string.Create(CultureInfo.InvariantCulture, $"{property.Name}{index + 1}"), format),
            (Func<object, object?>)(row => get(row) is System.Collections.IList list && index < list.Count ? list[index] : null)));
    }
}
