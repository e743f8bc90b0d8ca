namespace Pipeline.Ingestion.Tests.Reading;

public sealed class VendorDateColumnTests
{
    [Theory]
    [InlineData("31-12-2024", "2024-12-30T23:00:00Z")]
    [InlineData("31.12.2024", "2024-12-30T23:00:00Z")]
    [InlineData("31/12/2024", "2024-12-30T23:00:00Z")]
    [InlineData("2024-12-31", "2024-12-30T23:00:00Z")]
    [InlineData("2024-12-31 00:00", "2024-12-31T00:00:00Z")]
    [InlineData("2024-12-31 10:15:30", "2024-12-31T10:15:30Z")]
    [InlineData("2024-12-31T10:15:30", "2024-12-31T10:15:30Z")]
    [InlineData("2025-07-01T10:18:49.738123Z", "2025-07-01T10:18:49.738123Z")]
    [InlineData("2025-07-01T10:18:49.7381239+02:00", "2025-07-01T08:18:49.738123Z")]
    [InlineData("\"Tue, Jul 1, 2025\"", "2025-06-30T22:00:00Z")]
    [InlineData("\"July 1, 2025\"", "2025-06-30T22:00:00Z")]
    [InlineData("1 Jul 2025", "2025-06-30T22:00:00Z")]
    [InlineData("45291", "2023-12-30T23:00:00Z")]
    [InlineData("45291.25", "2023-12-31T06:00:00Z")]
    [InlineData("1735689600", "2025-01-01T00:00:00Z")]
    public async Task Read_VendorInstant_DateAloneIsBusinessMidnightAndNaiveTimeIsUtc(string cell, string expected)
    {
        var (result, rows) = await Probe.ParseAsync($"id,when\nr1,{cell}\nr2,31/12/2024\n");

        Assert.Empty(result.Errors);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), rows[0].When);
        Assert.Equal(TimeSpan.Zero, rows[0].When!.Value.Offset);
    }

    [Theory]
    [InlineData("31-12-2024", "2024-12-31")]
    [InlineData("\"Sat, Nov 1, 2025\"", "2025-11-01")]
    [InlineData("\"November 1, 2025\"", "2025-11-01")]
    [InlineData("1 Nov 2025", "2025-11-01")]
    [InlineData("45291", "2023-12-31")]
    [InlineData("2025-11-01T23:30:00-05:00", "2025-11-01")]
    [InlineData("1735689600", "2025-01-01")]
    public async Task Read_VendorDay_GivesDayAsWritten(string cell, string expected)
    {
        var (result, rows) = await Probe.ParseAsync($"id,day\nr1,{cell}\nr2,31/12/2024\n");

        Assert.Empty(result.Errors);
        Assert.Equal(DateOnly.ParseExact(expected, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), rows[0].Day);
    }

    [Fact]
    public async Task Read_DayAgainstFileOrder_IsRowErrorSayingSo()
    {
        const string Csv = "id,when\nr1,12/31/2024\nr2,13/01/2025\n";

        var (result, rows) = await Probe.ParseAsync(Csv);

        Assert.Equal(["r1"], rows.Select(row => row.Id));
        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "when", "13/01/2025"), (error.Row, error.Column, error.Value));
        Assert.Equal("'13/01/2025' does not fit the day order of this file: its dates are read month first (MM/dd/yyyy), and 13 is not " +
            "a month. Write every date in the file in the same order.", error.Message);
    }

    [Fact]
    public async Task Read_TwoDigitYear_IsRowErrorAskingForFullYear()
    {
        var (result, _) = await Probe.ParseAsync("id;day\nr1;31-12-24\nr2;31-12-2024\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "day"), (error.Row, error.Column));
        Assert.Equal("'31-12-24' has a two-digit year: write the year in full (as in 31-12-2024), so that no century is guessed.", error.Message);
    }

    [Fact]
    public async Task Read_NotADate_ListsTheAcceptedForms()
    {
        var (result, _) = await Probe.ParseAsync("id,when\nr1,soon\nr2,2025-01-01\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("'soon' is not a date: expected a date such as 2025-01-31, 31-01-2025, 31.01.2025, 31/01/2025, Jan 31, 2025, " +
            "31 Jan 2025, an Excel serial number such as 45688, or an ISO 8601 instant such as 2025-01-31T09:30:00Z.", error.Message);
    }

    [Theory]
    [InlineData("31-12-2024")]
    [InlineData("45291")]
    [InlineData("2024-12-31 10:00")]
    [InlineData("\"Nov 1, 2025\"")]
    public async Task Read_CanonicalFile_StaysStrict(string cell)
    {
        var result = await Parse.TextAsync($"customer_id,amount,currency,service_start,service_end,interval\ncus_1,1,EUR,{cell},,month\n");

        Assert.Equal("service_start", Assert.Single(result.Errors).Column);
        Assert.Empty(result.Lines);
    }
}
