using System.Text;
using Pipeline.Ingestion.Tests.Canonical;

namespace Pipeline.Ingestion.Tests;

public sealed partial class ExportParserTests
{
    private const string MinimalHeader = "customer_id,amount,currency,service_start,service_end,interval";

    [Fact]
    public async Task ParseAsync_MissingRequiredColumn_RefusedNamingColumns()
    {
        const string Csv = "customer_id,amount,service_start,plan\ncus_1,49.00,2025-01-01,Pro\n";

        var result = await Parse.TextAsync(Csv);

        Assert.True(result.IsRefused);
        Assert.Equal("canonical-revenue-lines", result.Format);
        Assert.Equal("missing required columns currency, service_end for canonical-revenue-lines; the file has columns customer_id, " +
            "amount, service_start, plan. Add the missing column and upload the file again.", result.FileError);
        Assert.Equal(result.FileError, result.RefusalReason);
        Assert.Empty(result.Lines);
    }

    [Fact]
    public async Task ParseAsync_UnknownFormat_RefusedNamingExpectedColumns()
    {
        const string Csv = "Invoice number,Date,Total\nF-001,2025-01-01,49.00\n";

        var result = await Parse.TextAsync(Csv);

        Assert.True(result.IsRefused);
        Assert.Null(result.Format);
        Assert.Equal(RefusalCodes.NeedsMapping, result.ReasonCode);
        Assert.StartsWith("needs-mapping: no known export format or mapping profile recognises the header (columns Invoice number, " +
            "Date, Total). Known formats: ", result.RefusalReason, StringComparison.Ordinal);
        Assert.Contains("canonical spend (columns channel, amount, currency and month or date, without customer_id); " +
            "canonical revenue lines", result.RefusalReason, StringComparison.Ordinal);
        Assert.Contains("a Stripe subscriptions export (columns id, Customer ID and Current Period Start (UTC) or Interval); ",
            result.RefusalReason, StringComparison.Ordinal);
        Assert.EndsWith("describe its columns in a mapping profile (exports/{tenant}/_profiles/{name}.json) and drop the file again.",
            result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_KnownColumnTwice_RefusedNamingIt()
    {
        const string Csv = "customer_id,amount,Amount,currency,service_start,service_end,x,x\ncus_1,1,2,EUR,2025-01-01,2025-02-01,,\n";

        var result = await Parse.TextAsync(Csv);

        Assert.True(result.IsRefused);
        Assert.StartsWith("the header has Amount more than once", result.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_AmountWithoutServiceStart_IsNotRecognised()
    {
        var result = await Parse.TextAsync("customer_id,amount,currency\ncus_1,49.00,EUR\n");

        Assert.True(result.IsRefused);
        Assert.StartsWith("needs-mapping: ", result.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_OneBadRowInHundred_AcceptedWithExactError()
    {
        var result = await Parse.TextAsync(HundredRows(badRows: [37]));

        Assert.False(result.IsRefused);
        Assert.Null(result.FileError);
        Assert.Equal((100, 1, 99), (result.DataRows, result.BadRows, result.Lines.Count));
        var error = Assert.Single(result.Errors);
        Assert.Equal((38L, "amount", "49 euro"), (error.Row, error.Column, error.Value));
        Assert.DoesNotContain(result.Lines, line => line.LineKey == "il_0037");
    }

    [Fact]
    public async Task ParseAsync_SixBadRowsInHundred_Refused()
    {
        var result = await Parse.TextAsync(HundredRows(badRows: [1, 20, 40, 60, 80, 100]));

        Assert.True(result.IsRefused);
        Assert.Null(result.FileError);
        Assert.Equal("6 of 100 rows (6.0 %) are bad; at most 5 % may be", result.RefusalReason);
        Assert.Equal([2L, 21L, 41L, 61L, 81L, 101L], result.Errors.Select(error => error.Row));
        Assert.Equal(94, result.Lines.Count);
    }

    [Fact]
    public async Task ParseAsync_FiveBadRowsInHundred_AcceptedAtTheLimit()
    {
        var result = await Parse.TextAsync(HundredRows(badRows: [1, 2, 3, 4, 5]));

        Assert.False(result.IsRefused);
        Assert.Equal(5, result.BadRows);
    }

    [Fact]
    public async Task ParseAsync_StricterLimit_RefusesWithThatLimit()
    {
        var options = new ExportParseOptions(Parse.Amsterdam, MaxBadRowFraction: 0.005m);

        var result = await Parse.TextAsync(HundredRows(badRows: [50]), options);

        Assert.Equal("1 of 100 rows (1.0 %) are bad; at most 0.5 % may be", result.RefusalReason);
    }

    [Fact]
    public async Task ParseAsync_BlankAndEmptyCellRows_SkippedAndNotCounted()
    {
        var csv = $"{MinimalHeader}\r\n\r\ncus_1,1,EUR,2025-01-01,,month\r\n,,,,,\r\n   \r\ncus_2,2,EUR,2025-01-01,,month\r\n\r\n";

        var result = await Parse.TextAsync(csv);

        Assert.Equal(2, result.DataRows);
        Assert.Equal([3L, 6L], result.Lines.Select(line => line.RowNumber));
    }

    [Fact]
    public async Task ParseAsync_HeaderOnly_AcceptedWithWarning()
    {
        var result = await Parse.TextAsync(MinimalHeader + "\n");

        Assert.False(result.IsRefused);
        Assert.Equal(0, result.DataRows);
        Assert.Equal(["The file has a header but no data rows."], result.Warnings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n  \r\n")]
    public async Task ParseAsync_EmptyFile_Refused(string content)
    {
        var result = await Parse.TextAsync(content);

        Assert.Equal("The file is empty: it needs a header row and at least one data row.", result.FileError);
        Assert.True(result.IsRefused);
    }

    [Theory]
    [InlineData("revenue.xls", ".xls")]
    [InlineData("EXPORT.NUMBERS", ".NUMBERS")]
    public async Task ParseAsync_SpreadsheetOrArchive_RefusedAskingForCsv(string fileName, string extension)
    {
        var result = await Parse.TextAsync(RevenueLineCsv.OneRow("amount", "1"), fileName: fileName);

        Assert.True(result.IsRefused);
        Assert.StartsWith(extension + " files cannot be read yet", result.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_MisplacedQuote_RefusedWithRow()
    {
        var csv = $"{MinimalHeader}\ncus_1,1,EUR,2025-01-01,,month\ncus_2,\"1\"x,EUR,2025-01-01,,month\n";

        var result = await Parse.TextAsync(csv);

        Assert.True(result.IsRefused);
        Assert.StartsWith("Row 3 cannot be read as CSV", result.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_CancelledToken_Throws()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(RevenueLineCsv.OneRow("amount", "1")));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new ExportParser().ParseAsync(stream, "export.csv", Parse.AmsterdamOptions, cancellation.Token));
    }

    private static string HundredRows(int[] badRows)
    {
        var csv = new RevenueLineCsv();
        for (var number = 1; number <= 100; number++)
        {
            csv = badRows.Contains(number) ? csv.Add(number, ("amount", "49 euro")) : csv.Add(number);
        }

        return csv.ToString();
    }
}
