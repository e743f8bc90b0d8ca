using System.Globalization;

namespace Pipeline.Domain.Tests;

public sealed class BillingIntervalTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Theory]
    [InlineData(IntervalUnit.Month, 1, "100", "100")]
    [InlineData(IntervalUnit.Month, 3, "270", "90")]
    [InlineData(IntervalUnit.Year, 1, "1200", "100")]
    [InlineData(IntervalUnit.Year, 2, "1200", "50")]
    [InlineData(IntervalUnit.Week, 2, "24", "52")]
    public void ToMonthly_Interval_NormalisedToOneMonth(IntervalUnit unit, int count, string amount, string expected)
    {
        var interval = new BillingInterval(unit, count);

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), interval.ToMonthly(decimal.Parse(amount, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ToMonthly_WeekAndDay_UseFiftyTwoAndThreeSixtyFiveOverTwelve()
    {
        Assert.Equal(25m * 52m / 12m, new BillingInterval(IntervalUnit.Week, 1).ToMonthly(25m));
        Assert.Equal(108.33m, Math.Round(new BillingInterval(IntervalUnit.Week, 1).ToMonthly(25m), 2));
        Assert.Equal(304.17m, Math.Round(new BillingInterval(IntervalUnit.Day, 1).ToMonthly(10m), 2));
        Assert.Equal(365m, new BillingInterval(IntervalUnit.Day, 10).ToMonthly(120m));
    }

    [Fact]
    public void Constructor_CountBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BillingInterval(IntervalUnit.Month, 0));
    }

    [Theory]
    [InlineData("2025-01-01", "2025-02-01", IntervalUnit.Month, 1)]
    [InlineData("2025-01-31", "2025-02-28", IntervalUnit.Month, 1)]
    [InlineData("2025-01-01", "2025-04-01", IntervalUnit.Month, 3)]
    [InlineData("2025-01-01", "2026-01-01", IntervalUnit.Year, 1)]
    [InlineData("2025-01-06", "2025-01-20", IntervalUnit.Week, 2)]
    public void TryInfer_WholeMonthsOrWeeks_Inferred(string start, string end, IntervalUnit unit, int count)
    {
        var inferred = BillingInterval.TryInfer(Utc(start), Utc(end), TimeZoneInfo.Utc, out var interval);

        Assert.True(inferred);
        Assert.Equal(new BillingInterval(unit, count), interval);
    }

    [Theory]
    [InlineData("2025-01-01", "2025-01-20")]
    [InlineData("2025-02-01", "2025-02-01")]
    [InlineData("2025-02-01", "2025-01-01")]
    public void TryInfer_NeitherMonthsNorWeeks_False(string start, string end)
    {
        Assert.False(BillingInterval.TryInfer(Utc(start), Utc(end), TimeZoneInfo.Utc, out _));
    }

    [Fact]
    public void TryInfer_WeeksAcrossDstChange_UsesLocalWallClock()
    {
        var start = new DateTimeOffset(2025, 3, 24, 0, 0, 0, TimeSpan.FromHours(1));
        var end = new DateTimeOffset(2025, 4, 7, 0, 0, 0, TimeSpan.FromHours(2));

        Assert.True(BillingInterval.TryInfer(start, end, Amsterdam, out var interval));
        Assert.Equal(new BillingInterval(IntervalUnit.Week, 2), interval);
        Assert.False(BillingInterval.TryInfer(start, end, TimeZoneInfo.Utc, out _));
    }

    [Fact]
    public void SubtractFrom_Quarter_CalendarMonthsBack()
    {
        Assert.Equal(new DateTime(2025, 1, 1), new BillingInterval(IntervalUnit.Month, 3).SubtractFrom(new DateTime(2025, 4, 1)));
    }

    private static DateTimeOffset Utc(string date) =>
        new(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
