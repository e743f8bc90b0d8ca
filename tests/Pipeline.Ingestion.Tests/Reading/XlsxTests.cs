using System.IO.Compression;
using System.Text;
using Pipeline.Ingestion.Containers;
using Pipeline.Ingestion.Xlsx;
using static Pipeline.Ingestion.Tests.Reading.XlsxBuilder;

namespace Pipeline.Ingestion.Tests.Reading;

public sealed class XlsxTests
{
    private static readonly string[] Strings =
        ["customer_id", "amount", "currency", "service_start", "service_end", "interval", "customer_name", "EUR", "2025-01-01", "month",
            "Zoë, \"Café\"", "cus_2", "2025-02-01"];

    [Fact]
    public async Task ParseAsync_FirstSheet_ReadLikeCsv()
    {
        var rows = Row(1, ("A1", "s", "0"), ("B1", "s", "1"), ("C1", "s", "2"), ("D1", "s", "3"), ("E1", "s", "4"), ("F1", "s", "5"), ("G1", "s", "6"))
            + Row(2, ("A2", "inlineStr", "cus_1"), ("B2", null, "59.289999999999999"), ("C2", "s", "7"), ("D2", "s", "8"), ("F2", "s", "9"), ("G2", "s", "10"))
            + Row(4, ("A4", "s", "11"), ("B4", null, "1.2345E3"), ("C4", "str", "EUR"), ("D4", "s", "12"), ("F4", "s", "9"));
        var workbook = Build([("Revenue", rows), ("Notes", Row(1, ("A1", "inlineStr", "not;a,header")))], Strings);

        var result = await Parse.BytesAsync(workbook, fileName: "register.xlsx");

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal("canonical-revenue-lines", result.Format);
        Assert.Equal([(2L, "cus_1", 59.29m), (4L, "cus_2", 1234.5m)], result.Lines.Select(line => (line.RowNumber, line.CustomerId, line.Amount)));
        Assert.Equal(Parse.Utc(2025, 1, 31, 23), result.Lines[1].ServiceStart);
        Assert.Equal("Zoë, \"Café\"", Assert.Single(result.Customers, customer => customer.CustomerId == "cus_1").Name);
        Assert.Equal(["Read the first sheet of the workbook, 'Revenue'; its other sheets were ignored: Notes."], result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_CellKinds_ReadByVendorColumns()
    {
        var rows = Row(1, ("A1", "inlineStr", "id"), ("B1", "inlineStr", "when"), ("C1", "inlineStr", "day"), ("D1", "inlineStr", "amount"))
            + Row(2, ("A2", "inlineStr", "r1"), ("C2", null, "45291"), ("D2", null, "49.95"))
            + Row(3, ("A3", "s", "0"), ("B3", null, "45291.25"), ("D3", "str", "€ 12.50"))
            + Row(4, ("A4", "b", "1"), ("C4", "s", "1"), ("D4", null, "1E-3"))
            + Row(5, ("A5", "e", "#N/A"), ("D5", "inlineStr", "--"));
        var workbook = Build([("Data", rows)], ["Line_x000D_break", "31-12-2024"]);

        var (result, probe) = await ParseWithProbeAsync(workbook);

        Assert.Empty(result.Errors);
        Assert.Equal(
            [
                new ProbeRow(2, "r1", null, new DateOnly(2023, 12, 31), 49.95m, null),
                new ProbeRow(3, "Line\rbreak", Parse.Utc(2023, 12, 31, 6), null, 12.50m, "€"),
                new ProbeRow(4, "TRUE", null, new DateOnly(2024, 12, 31), 0.001m, null),
                new ProbeRow(5, "#N/A", null, null, null, null),
            ],
            probe);
    }

    [Fact]
    public async Task ParseAsync_MergedHeaderCellsAndPreamble_HeaderFoundAndMergedCellsEmpty()
    {
        var rows = Row(1, ("A1", "inlineStr", "Probe export"))
            + Row(3, ("A3", "inlineStr", "id"), ("B3", "inlineStr", "amount"), ("D3", "inlineStr", "day"))
            + Row(4, ("A4", "inlineStr", "r1"), ("B4", null, "7"), ("C4", "inlineStr", "extra"), ("D4", "inlineStr", "2025-01-02"));
        var workbook = Build([("Data", rows)], [], extraSheetXml: "<mergeCells count=\"1\"><mergeCell ref=\"B3:C3\"/></mergeCells>");

        var (result, probe) = await ParseWithProbeAsync(workbook);

        Assert.Equal([new ProbeRow(4, "r1", null, new DateOnly(2025, 1, 2), 7m, null)], probe);
        Assert.Equal(["Skipped 1 line(s) before the header row."], result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_ForwardOnlyStream_Spooled()
    {
        var workbook = Build([("Data", Row(1, ("A1", "inlineStr", "id"), ("B1", "inlineStr", "amount")) + Row(2, ("A2", "inlineStr", "r1"), ("B2", null, "3.5")))], []);
        var probe = new Probe();

        var result = await XlsxExport.ParseAsync(new ForwardOnlyStream(workbook), Parse.AmsterdamOptions, [probe], new ParseHandlers(Probe.NoLines, Customers: null), CancellationToken.None);

        Assert.False(result.IsRefused);
        Assert.Equal(3.5m, Assert.Single(probe.Rows).Amount);
    }

    public static TheoryData<string, byte[], string> Broken => new()
    {
        { "not a zip", Encoding.UTF8.GetBytes("customer_id,amount\ncus_1,1\n"), "The workbook cannot be read (" },
        { "no workbook", Zip(("docProps/app.xml", "<Properties/>")), "The workbook cannot be read (it has no workbook part)." },
        { "bad sheet xml", Build([("Data", "<row r=\"1\"><c r=\"A1\"><v>1</c></row>")], []), "The workbook cannot be read (" },
        { "missing shared string", Build([("Data", Row(1, ("A1", "s", "7")))], []),
            "The workbook cannot be read (a cell refers to shared string 7, which does not exist)." },
        { "too many rows", Build([("Data", Row(1, ("A1", null, "1")) + Row(1_048_577, ("A1", null, "1")))], []),
            "The workbook cannot be read (the sheet has more than 1,048,576 rows)." },
        { "rows out of order", Build([("Data", Row(5, ("A5", null, "1")) + Row(2, ("A2", null, "1")))], []),
            "The workbook cannot be read (row 2 comes after row 5)." },
        { "DTD", Zip(("xl/workbook.xml", "<!DOCTYPE x [<!ENTITY a \"b\">]><workbook/>")), "The workbook cannot be read (" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task ParseAsync_BrokenWorkbook_RefusedAsUnreadable(string problem, byte[] content, string messageStart)
    {
        var result = await Parse.BytesAsync(content, fileName: "export.xlsx");

        Assert.True(result.IsRefused, problem);
        Assert.Equal(RefusalCodes.Unreadable, result.ReasonCode);
        Assert.StartsWith(messageStart, result.RefusalReason, StringComparison.Ordinal);
        Assert.EndsWith("Open it in Excel and save it again as .xlsx, or save its first sheet as \"CSV UTF-8\" and upload that.",
            result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_DamagedWorkbooks_NeverThrow()
    {
        var workbook = Build([("Data", Row(1, ("A1", "inlineStr", "id"), ("B1", "inlineStr", "amount"), ("C1", "s", "0"))
            + Row(2, ("A2", "inlineStr", "r1"), ("B2", null, "3.5"), ("C2", "s", "1")))], ["day", "2025-01-02"]);
        var random = new Random(20251123);
        var outcomes = new HashSet<bool>();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var damaged = attempt % 3 == 0 ? workbook[..random.Next(workbook.Length)] : (byte[])workbook.Clone();
            for (var flips = attempt % 3 == 0 ? 0 : random.Next(1, 8); flips > 0; flips--)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            var result = await Parse.BytesAsync(damaged, fileName: "damaged.xlsx");

            outcomes.Add(result.IsRefused);
            Assert.True(result.IsRefused || result.FileError is null);
        }

        Assert.Contains(true, outcomes);
    }

    [Theory]
    [InlineData("export.xls")]
    [InlineData("export.ods")]
    [InlineData("export.numbers")]
    public async Task ParseAsync_OtherSpreadsheetFormats_StillRefusedWithAdvice(string fileName)
    {
        var result = await Parse.BytesAsync([1, 2, 3], fileName: fileName);

        Assert.True(result.IsRefused);
        Assert.Contains("save it as \"CSV UTF-8 (Comma delimited)\"", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public void BoundedReadStream_PastLimit_IsInvalidData()
    {
        using var bounded = new BoundedReadStream(new MemoryStream(new byte[(1 << 20) + 1]), 1 << 20, "part x", leaveOpen: false);

        var exception = Assert.Throws<InvalidDataException>(() => bounded.CopyTo(Stream.Null));

        Assert.Equal("part x is larger than 1 MiB", exception.Message);
    }

    private static async Task<(ExportParseResult Result, IReadOnlyList<ProbeRow> Rows)> ParseWithProbeAsync(byte[] workbook)
    {
        var probe = new Probe();
        using var stream = new MemoryStream(workbook);
        var result = await XlsxExport.ParseAsync(stream, Parse.AmsterdamOptions, [probe], new ParseHandlers(Probe.NoLines, Customers: null), CancellationToken.None);
        return (result, probe.Rows);
    }

    private static byte[] Zip(params (string Path, string Text)[] parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in parts)
            {
                using var stream = zip.CreateEntry(path).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task ParseAsync_SharedStringOf64MebiCharacters_RefusedAsCellTooLongWithoutReadingIt()
    {
        var workbook = Pipeline.Testing.HostileExports.XlsxWithHugeSharedString(64L * 1024 * 1024);

        var result = await Parse.BytesAsync(workbook, fileName: "revenue.xlsx");

        Assert.True(workbook.Length < 1024 * 1024);
        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.Equal("Cell too long: a string in the workbook is longer than 32,767 characters, the most an Excel cell holds, so the workbook was not " +
            "saved by Excel as it is. Open it in Excel and save it again, or save its first sheet as \"CSV UTF-8\" and upload that.", result.RefusalReason);
    }

    [Fact]
    public async Task ParseAsync_SharedStringsOverTheTableBound_RefusedAsTooMuchText()
    {
        var strings = Enumerable.Range(0, 2_100).Select(index => new string((char)('a' + (index % 26)), 32_000)).ToList();

        var result = await Parse.BytesAsync(Build([("Revenue", Row(1, ("A1", "s", "0")))], strings), fileName: "revenue.xlsx");

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.StartsWith("Too much text: the workbook's shared strings come to more than 67,108,864 characters (at string 2,097)", result.RefusalReason,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_InlineStringOverACell_RefusedAsCellTooLong()
    {
        var rows = Row(1, ("A1", "inlineStr", "customer_id"), ("B1", "inlineStr", new string('n', 40_000)));

        var result = await Parse.BytesAsync(Build([("Revenue", rows)], Strings), fileName: "revenue.xlsx");

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.StartsWith("Cell too long: a string in the workbook is longer than 32,767 characters", result.RefusalReason, StringComparison.Ordinal);
    }
}
