using System.Text;

namespace Pipeline.Ingestion.Tests.Canonical;

/// <summary>Builds a canonical revenue-lines CSV from a valid default row, with chosen cells replaced.</summary>
internal sealed class RevenueLineCsv
{
    private static readonly string[] Columns =
    [
        "line_id", "customer_id", "line_type", "quantity", "amount", "discount", "currency", "interval", "interval_count",
        "service_start", "service_end", "issued_at", "status", "refunded_at", "country",
    ];

    private readonly List<Dictionary<string, string>> _rows = [];

    public static Dictionary<string, string> DefaultRow(int number) => new(StringComparer.Ordinal)
    {
        ["line_id"] = $"il_{number:D4}",
        ["customer_id"] = $"cus_{number:D4}",
        ["line_type"] = "recurring",
        ["quantity"] = "1",
        ["amount"] = "49.00",
        ["discount"] = "0",
        ["currency"] = "EUR",
        ["interval"] = "month",
        ["interval_count"] = "1",
        ["service_start"] = "2025-01-01",
        ["service_end"] = "2025-02-01",
        ["issued_at"] = "2025-01-01",
        ["status"] = "paid",
        ["refunded_at"] = string.Empty,
        ["country"] = "NL",
    };

    /// <summary>A file with one row: the default row with <paramref name="column"/> set to <paramref name="value"/>.</summary>
    public static string OneRow(string column, string value) => new RevenueLineCsv().Add(1, (column, value)).ToString();

    public RevenueLineCsv Add(int number, params (string Column, string Value)[] changes)
    {
        var row = DefaultRow(number);
        foreach (var (column, value) in changes)
        {
            row[column] = value;
        }

        _rows.Add(row);
        return this;
    }

    public override string ToString()
    {
        var csv = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var row in _rows)
        {
            csv.AppendJoin(',', Columns.Select(column => Quote(row[column]))).Append('\n');
        }

        return csv.ToString();
    }

    private static string Quote(string value) =>
        value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value;
}
