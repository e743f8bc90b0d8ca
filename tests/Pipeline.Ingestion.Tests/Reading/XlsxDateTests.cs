using System.Xml;
using Pipeline.Ingestion.Xlsx;
using static Pipeline.Ingestion.Tests.Reading.XlsxBuilder;

namespace Pipeline.Ingestion.Tests.Reading;

public sealed class XlsxDateTests
{
    private const int General = 0;
    private const int ShortDate = 1;
    private const int CustomDate = 2;
    private const int CustomNumber = 3;
    private const int DateTime = 4;

    /// <summary>General, built-in 14 (short date), custom dd/mm/yyyy, custom number with quoted "days", built-in 22 (date and time).</summary>
    private static readonly string DateStyles = Styles([(164, "dd/mm/yyyy;@"), (165, "#,##0.00 \"days\"")], 0, 14, 164, 165, 22);

    private static readonly string[] Strings = ["customer_id", "amount", "currency", "service_start", "service_end", "interval", "EUR", "month"];

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("d-mmm-yy", true)]
    [InlineData("[$-413]dddd d mmmm yyyy", true)]
    [InlineData("[h]:mm:ss", true)]
    [InlineData("[h]", true)]
    [InlineData("h:mm AM/PM", true)]
    [InlineData("#,##0.00", false)]
    [InlineData("0.00 \"days\"", false)]
    [InlineData("#,##0\\d", false)]
    [InlineData("[Red]#,##0;[Blue]-#,##0", false)]
    [InlineData("[$€-413] #,##0.00", false)]
    [InlineData("_-* #,##0_-", false)]
    [InlineData("General", false)]
    [InlineData("@", false)]
    public void IsDateFormatCode_DateTokensOutsideQuotesBracketsAndEscapes(string code, bool isDate) =>
        Assert.Equal(isDate, XlsxDateStyles.IsDateFormatCode(code));

    [Theory]
    [InlineData(false, "45658", "2025-01-01")]
    [InlineData(false, "45658.5", "2025-01-01T12:00:00")]
    [InlineData(false, "45658.999999999", "2025-01-02")]
    [InlineData(false, "45658.000005", "2025-01-01")]
    [InlineData(false, "45658.00001", "2025-01-01T00:00:01")]
    [InlineData(false, "0.75", "18:00:00")]
    [InlineData(false, "1", "1900-01-01")]
    [InlineData(false, "59", "1900-02-28")]
    [InlineData(false, "60", null)]
    [InlineData(false, "61", "1900-03-01")]
    [InlineData(false, "2958465", "9999-12-31")]
    [InlineData(false, "2958466", null)]
    [InlineData(false, "-1", null)]
    [InlineData(false, "abc", null)]
    [InlineData(true, "44196", "2025-01-01")]
    [InlineData(true, "1", "1904-01-02")]
    [InlineData(true, "0.5", "12:00:00")]
    public void Format_SerialNumber_IsoDateInTheWorkbooksDateSystem(bool date1904, string serial, string? expected)
    {
        using var reader = XmlReader.Create(new StringReader("<styleSheet>" + Styles([], 14) + "</styleSheet>"));
        var styles = XlsxDateStyles.Read(reader, date1904);

        Assert.True(styles.IsDate(0));
        Assert.Equal(expected, styles.Format(serial));
    }

    [Fact]
    public void Read_StylesPart_OnlyCellFormatsWithADateNumberFormatAreDates()
    {
        using var reader = XmlReader.Create(new StringReader("<styleSheet>" + DateStyles + "</styleSheet>"));

        var styles = XlsxDateStyles.Read(reader, date1904: false);

        Assert.Equal([false, true, true, false, true, false], Enumerable.Range(0, 6).Select(styles.IsDate));
    }

    [Fact]
    public async Task ParseAsync_CanonicalWorkbookWithDateCells_ReadLikeItsCsv()
    {
        var rows = Header
            + StyledRow(2, ("A2", "inlineStr", General, "cus_1"), ("B2", null, CustomNumber, "49"), ("C2", "s", General, "6"),
                ("D2", null, ShortDate, "45658"), ("E2", null, CustomDate, "45689"), ("F2", "s", General, "7"))
            + StyledRow(3, ("A3", "inlineStr", General, "cus_2"), ("B3", null, General, "59.289999999999999"), ("C3", "s", General, "6"),
                ("D3", null, DateTime, "45689.0"), ("F3", "s", General, "7"))
            + StyledRow(4, ("A4", "inlineStr", General, "cus_3"), ("B4", null, General, "10"), ("C4", "s", General, "6"),
                ("D4", null, DateTime, "45658.5"), ("F4", "s", General, "7"));
        var workbook = Build([("Revenue", rows)], Strings, styles: DateStyles);

        var result = await Parse.BytesAsync(workbook, Parse.AmsterdamOptions with { MaxBadRowFraction = 1m }, fileName: "register.xlsx");

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal("canonical-revenue-lines", result.Format);
        Assert.Equal(
            [
                ("cus_1", 49m, Parse.Utc(2024, 12, 31, 23), (DateTimeOffset?)Parse.Utc(2025, 1, 31, 23)),
                ("cus_2", 59.29m, Parse.Utc(2025, 1, 31, 23), null),
            ],
            result.Lines.Select(line => (line.CustomerId, line.Amount, line.ServiceStart, line.ServiceEnd)));
        // A time of day has no zone in Excel, and a canonical instant needs an offset: the row is refused, not guessed.
        var error = Assert.Single(result.Errors);
        Assert.Equal((4L, "service_start", "2025-01-01T12:00:00"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public async Task ParseAsync_Workbook1904DateSystem_DaysCountFrom1904()
    {
        var rows = Header
            + StyledRow(2, ("A2", "inlineStr", General, "cus_1"), ("B2", null, General, "49"), ("C2", "s", General, "6"),
                ("D2", null, ShortDate, "44196"), ("E2", null, CustomDate, "44227"), ("F2", "s", General, "7"));
        var workbook = Build([("Revenue", rows)], Strings, styles: DateStyles, date1904: true);

        var result = await Parse.BytesAsync(workbook, Parse.AmsterdamOptions, fileName: "register.xlsx");

        Assert.Empty(result.Errors);
        var line = Assert.Single(result.Lines);
        Assert.Equal((Parse.Utc(2024, 12, 31, 23), (DateTimeOffset?)Parse.Utc(2025, 1, 31, 23)), (line.ServiceStart, line.ServiceEnd));
    }

    [Fact]
    public async Task ParseAsync_VendorWorkbookWithDateTimeCell_NaiveTimeAsInItsCsv()
    {
        var rows = Row(1, ("A1", "inlineStr", "id"), ("B1", "inlineStr", "when"), ("C1", "inlineStr", "day"))
            + StyledRow(2, ("A2", "inlineStr", General, "r1"), ("B2", null, DateTime, "45291.25"), ("C2", null, ShortDate, "45291"));
        var workbook = Build([("Data", rows)], [], styles: DateStyles);
        var probe = new Probe();
        using var stream = new MemoryStream(workbook);

        var result = await XlsxExport.ParseAsync(stream, Parse.AmsterdamOptions, [probe], new ParseHandlers(Probe.NoLines, Customers: null), CancellationToken.None);

        Assert.Empty(result.Errors);
        Assert.Equal([new ProbeRow(2, "r1", Parse.Utc(2023, 12, 31, 6), new DateOnly(2023, 12, 31), null, null)], probe.Rows);
    }

    private static string Header =>
        Row(1, ("A1", "s", "0"), ("B1", "s", "1"), ("C1", "s", "2"), ("D1", "s", "3"), ("E1", "s", "4"), ("F1", "s", "5"));
}
