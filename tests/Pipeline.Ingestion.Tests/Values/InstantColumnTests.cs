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
        // 4,096 days apart: the same slot of the column's date memory, one in winter (UTC+1) and one in summer (UTC+2).
        var csv = new Canonical.RevenueLineCsv()
            .Add(1, ("service_start", "2015-01-15"), ("service_end", "2015-02-15"))
            .Add(2, ("service_start", "2026-04-03"), ("service_end", "2026-05-03"))
            .Add(3, ("service_start", "2015-01-15"), ("service_end", "2015-02-15"))
            .ToString();

        var result = await Parse.TextAsync(csv);

        Assert.Empty(result.Errors);
        Assert.Equal(
            [Parse.Utc(2015, 1, 14, 23), Parse.Utc(2026, 4, 2, 22), Parse.Utc(2015, 1, 14, 23)],
            result.Lines.Select(line => line.ServiceStart));
    }
}
