using System.Text.Json;
using Pipeline.Api.Http;

namespace Pipeline.Cli;

/// <summary>Writes the API's row types as a table, CSV or JSON: CSV and JSON by the API's own code, so they match its responses.</summary>
internal static class RowOutput
{
    public const string Table = "table";
    public const string Csv = "csv";
    public const string Json = "json";

    public static readonly string[] Formats = [Table, Csv, Json];

    /// <summary>The API's JSON settings, indented for a terminal.</summary>
    public static JsonSerializerOptions IndentedJson { get; } = new(ApiJson.Options) { WriteIndented = true };

    /// <summary>
    /// Writes <paramref name="rows"/> in <paramref name="format"/>: JSON as the API serves them, CSV by <paramref name="csv"/>
    /// (default: the API's CSV of the rows), or <paramref name="title"/> over a table of <paramref name="columns"/> (a header and
    /// the JSON property it shows; null is <c>-</c>); an empty table is <paramref name="whenEmpty"/> on the error stream.
    /// </summary>
    public static async Task WriteAsync<T>(
        CliConsole console, string format, IReadOnlyList<T> rows, IReadOnlyList<(string Header, string Property)> columns,
        string whenEmpty, string? title = null, Func<IReadOnlyList<T>, string>? csv = null)
    {
        switch (format)
        {
            case Csv:
                await console.Out.WriteAsync((csv ?? TabularResults.ToCsv)(rows));
                break;
            case Json:
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(rows, IndentedJson));
                break;
            default:
                if (rows.Count == 0)
                {
                    console.Progress(whenEmpty);
                    break;
                }

                if (title is not null)
                {
                    await console.Out.WriteLineAsync(title);
                }

                var cells = rows.Select(row =>
                {
                    var element = JsonSerializer.SerializeToElement(row, ApiJson.Options);
                    return (IReadOnlyList<string>)columns.Select(column => Cell(element.GetProperty(column.Property))).ToList();
                }).ToList();
                TextTable.Write(console.Out, columns.Select(column => column.Header).ToList(), cells);
                break;
        }
    }

    /// <summary>One row as <c>name  value</c> lines, every property in the API's order (null is <c>-</c>).</summary>
    public static async Task WriteCardAsync<T>(TextWriter output, T row)
    {
        var properties = JsonSerializer.SerializeToElement(row, ApiJson.Options).EnumerateObject().ToList();
        var width = properties.Max(property => property.Name.Length);
        foreach (var property in properties)
        {
            await output.WriteLineAsync($"{property.Name.PadRight(width)}  {Cell(property.Value)}");
        }
    }

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "-",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
