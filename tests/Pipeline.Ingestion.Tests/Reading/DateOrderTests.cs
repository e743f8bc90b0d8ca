namespace Pipeline.Ingestion.Tests.Reading;

public sealed class DateOrderTests
{
    [Fact]
    public async Task Sniff_FirstFieldOver12_DayFirstWithoutWarning()
    {
        var (result, rows) = await Probe.ParseAsync("id,day\nr1,03/04/2025\nr2,13/04/2025\n");

        Assert.Equal([new DateOnly(2025, 4, 3), new DateOnly(2025, 4, 13)], rows.Select(row => row.Day!.Value));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Sniff_SecondFieldOver12_MonthFirstWithoutWarning()
    {
        var (result, rows) = await Probe.ParseAsync("id;day\nr1;03/04/2025\nr2;04/13/2025\n");

        Assert.Equal([new DateOnly(2025, 3, 4), new DateOnly(2025, 4, 13)], rows.Select(row => row.Day!.Value));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Sniff_SemicolonFileWithOnlyAmbiguousDates_DayFirstAndFlagged()
    {
        var (result, rows) = await Probe.ParseAsync("id;day\nr1;03/04/2025\nr2;05/06/2025\n");

        Assert.Equal([new DateOnly(2025, 4, 3), new DateOnly(2025, 6, 5)], rows.Select(row => row.Day!.Value));
        Assert.Equal(["Dates such as 03/04/2025 could be 3 April or March 4; they were read day first because the file is delimited " +
            "with ';', as spreadsheets in day-first locales save it. Check the months in the report."], result.Warnings);
    }

    [Fact]
    public async Task Sniff_CommaFileWithSlashDates_MonthFirstAndFlagged()
    {
        var (result, rows) = await Probe.ParseAsync("id,day,amount\nr1,03/04/2025,19.50\n");

        Assert.Equal(new DateOnly(2025, 3, 4), Assert.Single(rows).Day);
        Assert.Equal(["Dates such as 03/04/2025 could be 3 April or March 4; they were read month first because the file is " +
            "comma-delimited with '/' dates, as US spreadsheets save it. Check the months in the report."], result.Warnings);
    }

    [Fact]
    public async Task Sniff_CommaFileWithDecimalCommas_DayFirst()
    {
        var (result, rows) = await Probe.ParseAsync("id,day,amount\nr1,03/04/2025,\"19,50\"\n");

        Assert.Equal((new DateOnly(2025, 4, 3), 19.50m), (Assert.Single(rows).Day!.Value, rows[0].Amount!.Value));
        Assert.Contains("read day first because its amounts have a decimal comma", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sniff_CommaFileWithHyphenDates_DayFirst()
    {
        var (result, rows) = await Probe.ParseAsync("id,day\nr1,03-04-2025\n");

        Assert.Equal(new DateOnly(2025, 4, 3), Assert.Single(rows).Day);
        Assert.Contains("read day first because dates written with '-' or '.' are day first", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sniff_BothOrdersPresent_FlaggedAndLocaleOrderWins()
    {
        var (result, rows) = await Probe.ParseAsync("id;day\nr1;13/01/2025\nr2;01/13/2025\nr3;02/03/2025\n");

        Assert.Equal(["r1", "r3"], rows.Select(row => row.Id));
        Assert.Equal(new DateOnly(2025, 3, 2), rows[1].Day);
        Assert.Equal((3L, "day"), (Assert.Single(result.Errors).Row, result.Errors[0].Column));
        Assert.Equal(["The file has dates with the day first (13/01/2025) and dates with the month first (01/13/2025), so its day " +
            "order is unclear; dates were read day first because the file is delimited with ';', as spreadsheets in day-first " +
            "locales save it, and dates that do not fit are row errors. Check the months in the report."], result.Warnings);
    }

    [Fact]
    public async Task Sniff_NoNumericDates_NoWarning()
    {
        var (result, rows) = await Probe.ParseAsync("id,day\nr1,2025-04-03\n");

        Assert.Equal(new DateOnly(2025, 4, 3), Assert.Single(rows).Day);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Sniff_DeciderBeyondFirstRecords_StillFound()
    {
        var csv = "id,day\n" + string.Concat(Enumerable.Range(0, 300).Select(number => $"r{number},01/02/2025\n")) + "r300,25/12/2025\n";

        var (result, rows) = await Probe.ParseAsync(csv);

        Assert.Equal(new DateOnly(2025, 2, 1), rows[0].Day);
        Assert.Empty(result.Warnings);
    }
}
