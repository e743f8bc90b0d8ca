using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Tests.Values;

public sealed class InstantColumnTests
{
    [Theory]
    [InlineData("2025-01-15", "2025-01-14T23:00:00+00:00")]
    [InlineData("2025-07-15", "2025-07-14T22:00:00+00:00")]
    [InlineData("2025-03-30", "2025-03-29T23:00:00+00:00")]
    [InlineData("2025-01-15T10:00:00Z", "2025-01-15T10:00:00+00:00")]
    [InlineData("2025-01-15T10:00Z", "2025-01-15T10:00:00+00:00")]
    [InlineData("2025-01-15T10:00:00.250+02:00", "2025-01-15T08:00:00.25+00:00")]
    [InlineData("2025-01-15T10:00:00-05:00", "2025-01-15T15:00:00+00:00")]
    [InlineData("2025-01-15 10:00:00Z", "2025-01-15T10:00:00+00:00")]
    [InlineData("2025-01-15T10:00:00.1234567Z", "2025-01-15T10:00:00.123456+00:00")]
    public async Task ParseAsync_DateOrInstant_GivesUtcInstant(string cell, string expected)
    {
        var result = await Parse.TextAsync($"customer_id,amount,currency,service_start,service_end,interval\ncus_1,1,EUR,{cell},,month\n");

        var start = Assert.Single(result.Lines).ServiceStart;
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }

    [Theory]
    [InlineData("15-01-2025")]
    [InlineData("15.01.2025")]
    [InlineData("01/15/2025")]
    [InlineData("2025-01-15T10:00:00")]
    [InlineData("2025-02-30")]
    [InlineData("45291")]
    [InlineData("0025-01-15")]
    [InlineData("1899-12-31T23:00:00Z")]
    public async Task ParseAsync_OtherDateFormats_AreBadRows(string cell)
    {
        var result = await Parse.TextAsync($"customer_id,amount,currency,service_start,service_end,interval\ncus_1,1,EUR,{cell},,month\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "service_start", cell), (error.Row, error.Column, error.Value));
        Assert.Contains("expected a date as yyyy-MM-dd or an ISO 8601 instant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_DatesThatShareAMemorySlot_EachKeepTheirOwnInstant()
    {
        // Two dates whose texts share a slot of the column's date memory, one in winter (UTC+1) and one in summer (UTC+2),
        // read in turns.
        var winter = new DateOnly(2015, 1, 15);
        var slot = InstantColumn.MemorySlot(Text(winter));
        var summer = Enumerable.Range(1, 20_000).Select(days => winter.AddDays(days))
            .First(date => date.Month is 5 or 6 or 7 && InstantColumn.MemorySlot(Text(date)) == slot);
        var csv = new Canonical.RevenueLineCsv()
            .Add(1, ("service_start", Text(winter)), ("service_end", Text(winter.AddMonths(1))))
            .Add(2, ("service_start", Text(summer)), ("service_end", Text(summer.AddMonths(1))))
            .Add(3, ("service_start", Text(winter)), ("service_end", Text(winter.AddMonths(1))))
            .Add(4, ("service_start", Text(summer)), ("service_end", Text(summer.AddMonths(1))))
            .ToString();

        var result = await Parse.TextAsync(csv);

        Assert.Empty(result.Errors);
        var summerStart = new DateTimeOffset(summer.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-2);
        Assert.Equal(
            [Parse.Utc(2015, 1, 14, 23), summerStart, Parse.Utc(2015, 1, 14, 23), summerStart],
            result.Lines.Select(line => line.ServiceStart));
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
