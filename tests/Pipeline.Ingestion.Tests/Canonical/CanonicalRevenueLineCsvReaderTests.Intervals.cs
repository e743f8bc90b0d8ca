using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Canonical;

public sealed partial class CanonicalRevenueLineCsvReaderTests
{
    [Theory]
    [InlineData("2025-01-01", "2025-02-01", IntervalUnit.Month, 1)]
    [InlineData("2025-01-01", "2025-04-01", IntervalUnit.Month, 3)]
    [InlineData("2025-01-15", "2026-01-15", IntervalUnit.Year, 1)]
    [InlineData("2025-01-06", "2025-01-13", IntervalUnit.Week, 1)]
    [InlineData("2025-03-01", "2025-04-01", IntervalUnit.Month, 1)]
    [InlineData("2025-03-01T00:00:00+01:00", "2025-04-01T00:00:00+02:00", IntervalUnit.Month, 1)]
    public async Task ParseAsync_NoInterval_InfersItFromServicePeriod(string start, string end, IntervalUnit unit, int count)
    {
        var csv = new RevenueLineCsv()
            .Add(1, ("interval", string.Empty), ("interval_count", string.Empty), ("service_start", start), ("service_end", end))
            .ToString();

        var result = await Parse.TextAsync(csv);

        var line = Assert.Single(result.Lines);
        Assert.Equal(new BillingInterval(unit, count), line.Interval);
        Assert.True(line.IntervalInferred);
    }

    [Fact]
    public async Task ParseAsync_ProrationWithoutInterval_InfersIt()
    {
        var csv = new RevenueLineCsv().Add(1, ("line_type", "proration"), ("interval", string.Empty), ("interval_count", string.Empty)).ToString();

        var result = await Parse.TextAsync(csv);

        Assert.Equal((BillingInterval.Monthly, true), (result.Lines[0].Interval, result.Lines[0].IntervalInferred));
    }

    [Fact]
    public async Task ParseAsync_PeriodOfNoWholeInterval_IsBadRowOnInterval()
    {
        var csv = new RevenueLineCsv()
            .Add(1, ("interval", string.Empty), ("interval_count", string.Empty), ("service_start", "2025-01-05"), ("service_end", "2025-02-20"))
            .ToString();

        var result = await Parse.TextAsync(csv);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2L, "interval", string.Empty), (error.Row, error.Column, error.Value));
        Assert.Equal("cannot infer the billing interval from 2025-01-05–2025-02-20; add an interval column (day, week, month, year)",
            error.Message);
    }

    [Fact]
    public async Task ParseAsync_NoIntervalColumnAndNoWholeInterval_ReportsUnderInterval()
    {
        const string Csv = "customer_id,amount,currency,service_start,service_end\ncus_1,10,EUR,2025-01-05,2025-02-20\n";

        var result = await Parse.TextAsync(Csv);

        Assert.Equal((2L, "interval"), (result.Errors[0].Row, result.Errors[0].Column));
    }

    [Theory]
    [InlineData("quarter", "", IntervalUnit.Month, 3)]
    [InlineData("quarterly", "2", IntervalUnit.Month, 6)]
    [InlineData("annual", "", IntervalUnit.Year, 1)]
    [InlineData("Yearly", "2", IntervalUnit.Year, 2)]
    [InlineData("weekly", "", IntervalUnit.Week, 1)]
    [InlineData("day", "30", IntervalUnit.Day, 30)]
    [InlineData("MONTH", "3", IntervalUnit.Month, 3)]
    public async Task ParseAsync_IntervalColumns_GiveBillingInterval(string interval, string count, IntervalUnit unit, int expectedCount)
    {
        var csv = new RevenueLineCsv().Add(1, ("interval", interval), ("interval_count", count)).ToString();

        var result = await Parse.TextAsync(csv);

        var line = Assert.Single(result.Lines);
        Assert.Equal(new BillingInterval(unit, expectedCount), line.Interval);
        Assert.False(line.IntervalInferred);
    }

    [Fact]
    public async Task ParseAsync_IntervalCountWithoutInterval_IsBadRowOnIntervalCount()
    {
        var result = await Parse.TextAsync(new RevenueLineCsv().Add(1, ("interval", string.Empty), ("interval_count", "3")).ToString());

        Assert.Equal(("interval_count", "3"), (result.Errors[0].Column, result.Errors[0].Value));
    }

    [Fact]
    public async Task ParseAsync_OpenEndedRecurringLineWithInterval_HasNoServiceEnd()
    {
        var result = await Parse.TextAsync(RevenueLineCsv.OneRow("service_end", string.Empty));

        var line = Assert.Single(result.Lines);
        Assert.Null(line.ServiceEnd);
        Assert.Equal(BillingInterval.Monthly, line.Interval);
    }

    [Fact]
    public async Task ParseAsync_OpenEndedLineWithoutInterval_IsBadRowOnInterval()
    {
        var csv = new RevenueLineCsv().Add(1, ("service_end", string.Empty), ("interval", string.Empty), ("interval_count", string.Empty)).ToString();

        var result = await Parse.TextAsync(csv);

        Assert.Equal((2L, "interval"), (result.Errors[0].Row, result.Errors[0].Column));
    }

    [Fact]
    public async Task ParseAsync_OpenEndedOneTimeLine_IsBadRowOnServiceEnd()
    {
        var result = await Parse.TextAsync(new RevenueLineCsv().Add(1, ("service_end", string.Empty), ("line_type", "one_time")).ToString());

        Assert.Equal((2L, "service_end"), (result.Errors[0].Row, result.Errors[0].Column));
    }
}
