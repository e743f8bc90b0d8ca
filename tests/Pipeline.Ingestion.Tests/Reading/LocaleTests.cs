using System.Text;
using Pipeline.Domain;
using static Pipeline.Ingestion.Tests.Reading.XlsxBuilder;

namespace Pipeline.Ingestion.Tests.Reading;

/// <summary>The same canonical register saved the ways finance teams save it gives the same lines and customers.</summary>
public sealed class LocaleTests
{
    private const string Header = "line_id,customer_id,customer_name,plan,amount,currency,service_start,service_end,interval";

    private static readonly string[][] Rows =
    [
        ["L1", "cus_1", "Café Zoë", "Pro", "59.29", "EUR", "2025-01-01", "2025-02-01", "month"],
        ["L2", "cus_2", "Müller, GmbH", "Team €", "1234.56", "EUR", "2025-01-15", "2026-01-15", "year"],
        ["L3", "cus_3", "Smith", "Basic", "19.00", "USD", "2025-02-01", "", "month"],
    ];

    public static TheoryData<string, byte[], string> Variants => new()
    {
        { "UTF-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv(',', decimalComma: false))], "register.csv" },
        { "Windows-1252", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Csv(',', decimalComma: false)), "register.csv" },
        { "UTF-16 LE, tabs", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv('\t', decimalComma: false))], "register.txt" },
        { "semicolons, decimal commas", Encoding.UTF8.GetBytes(Csv(';', decimalComma: true)), "register.csv" },
        { "preamble and totals row", Encoding.UTF8.GetBytes("Revenue register\r\nExported on 2025-03-01\r\n" +
            Csv(',', decimalComma: false).Replace("\n", "\r\n", StringComparison.Ordinal) + "Total,,,,1312.85,,,,\r\n"), "register.csv" },
        { "xlsx", Workbook(), "register.xlsx" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task ParseAsync_SameRegisterSavedDifferently_GivesIdenticalLines(string variant, byte[] content, string fileName)
    {
        var expected = await Parse.BytesAsync(Encoding.UTF8.GetBytes(Csv(',', decimalComma: false)));

        var result = await Parse.BytesAsync(content, fileName: fileName);

        Assert.False(result.IsRefused, variant);
        Assert.Empty(result.Errors);
        Assert.Equal(expected.Lines.Select(Comparable), result.Lines.Select(Comparable));
        Assert.Equal(expected.Customers.Select(customer => customer with { RowNumber = 0 }), result.Customers.Select(customer => customer with { RowNumber = 0 }));
    }

    [Fact]
    public async Task ParseAsync_Register_HandComputedLines()
    {
        var result = await Parse.BytesAsync(Encoding.UTF8.GetBytes(Csv(';', decimalComma: true)));

        Assert.Equal([("L1", 59.29m, "EUR"), ("L2", 1234.56m, "EUR"), ("L3", 19.00m, "USD")],
            result.Lines.Select(line => (line.LineKey, line.Amount, line.Currency.ToString())));
        Assert.Equal([Parse.Utc(2024, 12, 31, 23), Parse.Utc(2025, 1, 14, 23), Parse.Utc(2025, 1, 31, 23)], result.Lines.Select(line => line.ServiceStart));
        Assert.Equal([Parse.Utc(2025, 1, 31, 23), Parse.Utc(2026, 1, 14, 23), (DateTimeOffset?)null], result.Lines.Select(line => line.ServiceEnd));
        Assert.Equal(["Café Zoë", "Müller, GmbH", "Smith"], result.Customers.Select(customer => customer.Name));
        Assert.Equal("Team €", result.Lines[1].Plan);
    }

    private static RevenueLine Comparable(RevenueLine line) => line with { RowNumber = 0 };

    private static string Csv(char delimiter, bool decimalComma)
    {
        var text = new StringBuilder(Header.Replace(',', delimiter)).Append('\n');
        foreach (var row in Rows)
        {
            text.AppendJoin(delimiter, row.Select(cell => Cell(cell, delimiter, decimalComma))).Append('\n');
        }

        return text.ToString();
    }

    private static string Cell(string cell, char delimiter, bool decimalComma)
    {
        // Dutch Excel: thousands point, decimal comma (1.234,56).
        var value = decimalComma && decimal.TryParse(cell, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture).Replace(',', ' ').Replace('.', ',').Replace(' ', '.')
            : cell;
        return value.Contains(delimiter, StringComparison.Ordinal) ? $"\"{value}\"" : value;
    }

    /// <summary>The register as Excel saves it: text in shared strings, amounts as numbers, dates typed as text, empty cells left out.</summary>
    private static byte[] Workbook()
    {
        string[] columns = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];
        var strings = new List<string>();
        var rows = new StringBuilder(Row(1, [.. Header.Split(',').Select((name, index) => (columns[index] + "1", (string?)"s", Share(strings, name)))]));
        for (var index = 0; index < Rows.Length; index++)
        {
            var number = index + 2;
            rows.Append(Row(number, [.. Rows[index]
                .Select((cell, column) => (Reference: columns[column] + number, Cell: cell, Column: column))
                .Where(cell => cell.Cell.Length > 0)
                .Select(cell => cell.Column == 4 ? (cell.Reference, (string?)null, cell.Cell) : (cell.Reference, "s", Share(strings, cell.Cell)))]));
        }

        return Build([("Register", rows.ToString())], strings);
    }

    private static string Share(List<string> strings, string text)
    {
        var index = strings.IndexOf(text);
        if (index < 0)
        {
            strings.Add(text);
            index = strings.Count - 1;
        }

        return index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
