using System.Globalization;

namespace Pipeline.Domain.Tests;

public sealed class BillingMonthTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public void Parse_YearDashMonth_RoundTripsThroughToString()
    {
        var month = BillingMonth.Parse("2025-03");

        Assert.Equal((2025, 3), (month.Year, month.Month));
        Assert.Equal("2025-03", month.ToString());
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025/03")]
    [InlineData("03-2025")]
    [InlineData("1899-12")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotAMonth_False(string? value)
    {
        Assert.False(BillingMonth.TryParse(value, out _));
    }

    [Fact]
    public void Parse_NotAMonth_ThrowsFormatExceptionQuotingValue()
    {
        var error = Assert.Throws<FormatException>(() => BillingMonth.Parse("March"));

        Assert.Contains("'March'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndInstant_Utc_LastTickOfTheMonth()
    {
        var end = new BillingMonth(2025, 2).EndInstant(TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), end);
    }

    [Fact]
    public void EndInstant_Amsterdam_LastTickBeforeLocalMidnight()
    {
        Assert.Equal(
            DateTimeOffset.Parse("2025-01-31T22:59:59.9999999Z", CultureInfo.InvariantCulture),
            new BillingMonth(2025, 1).EndInstant(Amsterdam));
        Assert.Equal(
            DateTimeOffset.Parse("2025-03-31T21:59:59.9999999Z", CultureInfo.InvariantCulture),
            new BillingMonth(2025, 3).EndInstant(Amsterdam));
    }

    [Fact]
    public void EndInstant_LastSupportedMonth_DoesNotThrow()
    {
        Assert.Equal(new DateTime(9999, 1, 1).AddTicks(-1), new BillingMonth(9998, 12).EndInstant(TimeZoneInfo.Utc).UtcDateTime);
    }

    [Fact]
    public void Containing_InstantJustBeforeLocalMidnight_PreviousLocalMonth()
    {
        var instant = new DateTimeOffset(2025, 1, 31, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new BillingMonth(2025, 2), BillingMonth.Containing(instant, Amsterdam));
        Assert.Equal(new BillingMonth(2025, 1), BillingMonth.Containing(instant, TimeZoneInfo.Utc));
    }

    [Fact]
    public void PlusMonthsAndMonthsSince_AcrossYearEnd_Consistent()
    {
        var november = new BillingMonth(2024, 11);

        Assert.Equal(new BillingMonth(2025, 2), november.PlusMonths(3));
        Assert.Equal(3, new BillingMonth(2025, 2).MonthsSince(november));
        Assert.True(november < november.Next());
    }

    [Theory]
    [InlineData(1900, 1)]
    [InlineData(2025, 3)]
    [InlineData(9998, 12)]
    public void TryFormat_Utf8_SameAsToString(int year, int month)
    {
        var value = new BillingMonth(year, month);
        Span<byte> text = stackalloc byte[16];

        Assert.True(value.TryFormat(text, out var length));
        Assert.Equal(value.ToString(), System.Text.Encoding.UTF8.GetString(text[..length]));
    }

    [Fact]
    public void TryFormat_DestinationTooShort_False()
    {
        Assert.False(new BillingMonth(2025, 3).TryFormat(stackalloc byte[6], out _));
    }
}
