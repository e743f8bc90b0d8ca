using System.Text;

namespace Pipeline.Ingestion.Tests;

public sealed partial class ExportParserTests
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    [Theory]
    [InlineData('\t')]
    [InlineData('|')]
    [InlineData(';')]
    public async Task ParseAsync_OtherDelimiter_IsSniffed(char delimiter)
    {
        var csv = $"{MinimalHeader}\ncus_1,\"A,B\",EUR,2025-01-01,,month\ncus_2,7,EUR,2025-01-01,,month\n".Replace(',', delimiter)
            .Replace("\"A" + delimiter + "B\"", "12", StringComparison.Ordinal);

        var result = await Parse.TextAsync(csv);

        Assert.Empty(result.Errors);
        Assert.Equal([12m, 7m], result.Lines.Select(line => line.Amount));
    }

    [Fact]
    public async Task ParseAsync_SemicolonsInsideQuotes_DoNotSwayCommaDelimiter()
    {
        var csv = $"{MinimalHeader},plan\ncus_1,1.50,EUR,2025-01-01,,month,\"a;b;c;d;e;f;g\"\ncus_2,2.50,EUR,2025-01-01,,month,\"x;y;z;w;v;u\"\n";

        var result = await Parse.TextAsync(csv);

        Assert.Equal([1.50m, 2.50m], result.Lines.Select(line => line.Amount));
        Assert.Equal("a;b;c;d;e;f;g", result.Lines[0].Plan);
    }

    [Fact]
    public async Task ParseAsync_ExcelSepLine_IsHonouredAndShiftsRows()
    {
        var csv = $"sep=|\r\n{MinimalHeader.Replace(',', '|')}\r\ncus_1|1,5|EUR|2025-01-01||month\r\n";

        var result = await Parse.TextAsync(csv);

        var line = Assert.Single(result.Lines);
        Assert.Equal((3L, 1.5m), (line.RowNumber, line.Amount));
    }

    [Fact]
    public async Task ParseAsync_PreambleBeforeHeader_FindsHeaderAndWarns()
    {
        var csv = $"Revenue export January 2025\n\n{MinimalHeader}\ncus_1,1,EUR,2025-01-01,,month\n";

        var result = await Parse.TextAsync(csv);

        Assert.Equal(4L, Assert.Single(result.Lines).RowNumber);
        Assert.Equal(["Skipped 1 line(s) before the header row."], result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_LeakedSecondBom_IsStrippedFromFirstHeader()
    {
        byte[] content = [.. Utf8Bom, .. Encoding.UTF8.GetBytes($"\uFEFF{MinimalHeader}\ncus_1,1,EUR,2025-01-01,,month\n")];

        var result = await Parse.BytesAsync(content);

        Assert.Equal("cus_1", Assert.Single(result.Lines).CustomerId);
    }

    [Fact]
    public async Task ParseAsync_Utf16WithBom_IsDecoded()
    {
        var content = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes($"{MinimalHeader},customer_name\ncus_1,1,EUR,2025-01-01,,month,Zoë\n"));

        var result = await Parse.BytesAsync([.. content]);

        Assert.Equal("Zoë", Assert.Single(result.Customers).Name);
    }

    [Fact]
    public async Task ParseAsync_Windows1252_FallsBackAndWarns()
    {
        byte[] content = [.. Encoding.ASCII.GetBytes($"{MinimalHeader},customer_name\ncus_1,1,EUR,2025-01-01,,month,Caf"), 0xE9, 0x20, 0x80, 0x0A];

        var result = await Parse.BytesAsync(content);

        Assert.Equal("Café €", Assert.Single(result.Customers).Name);
        Assert.Contains(result.Warnings, warning => warning.StartsWith("The file is not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_InvalidUtf8AfterSample_RereadsSeekableStreamAsWindows1252()
    {
        var result = await Parse.BytesAsync(LateWindows1252Bytes());

        Assert.False(result.IsRefused);
        Assert.Equal("Café", result.Customers[^1].Name);
        Assert.Contains(result.Warnings, warning => warning.StartsWith("The file is not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_InvalidUtf8AfterSampleOnForwardOnlyStream_ReadsRestAsWindows1252()
    {
        await using var stream = new ForwardOnlyStream(LateWindows1252Bytes());

        var result = await new ExportParser().ParseAsync(stream, "export.csv", Parse.AmsterdamOptions, CancellationToken.None);

        Assert.False(result.IsRefused);
        Assert.Equal("Café", result.Customers[^1].Name);
        Assert.Contains(result.Warnings, warning => warning.Contains("CSV UTF-8", StringComparison.Ordinal));
    }

    private static byte[] LateWindows1252Bytes()
    {
        var csv = new StringBuilder(MinimalHeader).Append(",customer_name\n");
        for (var number = 0; csv.Length < 80_000; number++)
        {
            csv.Append("cus_").Append(number).Append(",1,EUR,2025-01-01,,month,Plain\n");
        }

        return [.. Encoding.ASCII.GetBytes(csv.Append("cus_last,1,EUR,2025-01-01,,month,Caf").ToString()), 0xE9, 0x0A];
    }
}
