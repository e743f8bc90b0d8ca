namespace Pipeline.Ingestion.Tests.Canonical;

public sealed partial class CanonicalSpendCsvReaderTests
{
    private static readonly string[] Columns = ["month", "date", "channel", "campaign", "amount", "currency", "paid"];

    [Theory]
    [InlineData("amount", "-5.00", "amount")]
    [InlineData("amount", "5 EUR", "amount")]
    [InlineData("amount", "", "amount")]
    [InlineData("channel", "", "channel")]
    [InlineData("currency", "EURO", "currency")]
    [InlineData("currency", "", "currency")]
    [InlineData("month", "2025-13", "month")]
    [InlineData("month", "01-2025", "month")]
    [InlineData("month", "2025-02", "month")]
    [InlineData("date", "31.01.2025", "date")]
    [InlineData("date", "2025-02-30", "date")]
    [InlineData("paid", "maybe", "paid")]
    public async Task ParseAsync_BadValue_ReportsRowColumnAndValue(string column, string value, string errorColumn)
    {
        var result = await Parse.TextAsync(Csv(Row(), Row((column, value))));

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, errorColumn, value), (error.Row, error.Column, error.Value));
        Assert.Equal((2, 1), (result.DataRows, result.BadRows));
        Assert.Equal(2L, Assert.Single(result.Spend).RowNumber);
    }

    [Fact]
    public async Task ParseAsync_MonthDisagreesWithDate_SaysWhichMonthFits()
    {
        var result = await Parse.TextAsync(Csv(Row(("month", "2025-02"))));

        var error = Assert.Single(result.Errors);
        Assert.Equal("month 2025-02 is not the month of date 2025-01-31: leave month empty or make it 2025-01.", error.Message);
    }

    [Fact]
    public async Task ParseAsync_MonthAndDateEmpty_ReportedOnDate()
    {
        var result = await Parse.TextAsync(Csv(Row(("month", ""), ("date", ""))));

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "date", ""), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public async Task ParseAsync_NegativeAmount_SaysSpendIsNotNegative()
    {
        var result = await Parse.TextAsync(Csv(Row(("amount", "(12.50)"))));

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "amount", "(12.50)"), (error.Row, error.Column, error.Value));
        Assert.StartsWith("'(12.50)' is a negative amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_SeveralBadValues_AllReportedOnOneBadRow()
    {
        var result = await Parse.TextAsync(Csv(Row(("amount", "x"), ("currency", "XYZ"), ("paid", "?"))));

        Assert.Equal(["amount", "currency", "paid"], result.Errors.Select(error => error.Column));
        Assert.Equal((1, 1), (result.DataRows, result.BadRows));
        Assert.True(result.IsRefused);
        Assert.Empty(result.Spend);
    }

    private static Dictionary<string, string> Row(params (string Column, string Value)[] changes)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["month"] = "2025-01", ["date"] = "2025-01-31", ["channel"] = "google_ads", ["campaign"] = "brand",
            ["amount"] = "10.00", ["currency"] = "EUR", ["paid"] = "true",
        };
        foreach (var (column, value) in changes)
        {
            row[column] = value;
        }

        return row;
    }

    private static string Csv(params Dictionary<string, string>[] rows) =>
        string.Join(',', Columns) + "\n" + string.Concat(rows.Select(row => string.Join(',', Columns.Select(column => row[column])) + "\n"));
}
