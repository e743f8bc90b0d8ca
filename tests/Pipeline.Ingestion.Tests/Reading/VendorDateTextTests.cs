using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Tests.Reading;

public sealed class VendorDateTextTests
{
    [Theory]
    [InlineData("2024-12-31", true, "2024-12-31", null, null)]
    [InlineData("31-12-2024", true, "2024-12-31", null, null)]
    [InlineData("31.12.2024", true, "2024-12-31", null, null)]
    [InlineData("31/12/2024", true, "2024-12-31", null, null)]
    [InlineData("12/31/2024", false, "2024-12-31", null, null)]
    [InlineData("1/2/2025", true, "2025-02-01", null, null)]
    [InlineData("1/2/2025", false, "2025-01-02", null, null)]
    [InlineData("2024/12/31", false, "2024-12-31", null, null)]
    [InlineData("2024-12-31 00:00", true, "2024-12-31", "00:00:00", null)]
    [InlineData("2024-12-31 23:59:58", true, "2024-12-31", "23:59:58", null)]
    [InlineData("2025-11-01T10:18:49", true, "2025-11-01", "10:18:49", null)]
    [InlineData("2025-11-01T10:18:49.738123Z", true, "2025-11-01", "10:18:49.7381230", "00:00:00")]
    [InlineData("2025-11-01T10:18:49.123456789+02:00", true, "2025-11-01", "10:18:49.1234567", "02:00:00")]
    [InlineData("2025-11-01 10:18:49 -0530", true, "2025-11-01", "10:18:49", "-05:30:00")]
    [InlineData("31-12-2024 14:30", true, "2024-12-31", "14:30:00", null)]
    [InlineData("12/31/2024 2:30 PM", false, "2024-12-31", "14:30:00", null)]
    [InlineData("12/31/2024 12:05 AM", false, "2024-12-31", "00:05:00", null)]
    [InlineData("Sat, Nov 1, 2025", true, "2025-11-01", null, null)]
    [InlineData("November 1, 2025", true, "2025-11-01", null, null)]
    [InlineData("Nov. 1 2025", false, "2025-11-01", null, null)]
    [InlineData("1 Nov 2025", true, "2025-11-01", null, null)]
    [InlineData("1-nov-2025", true, "2025-11-01", null, null)]
    [InlineData("31-Dec-2024", true, "2024-12-31", null, null)]
    [InlineData("1 maart 2025", true, "2025-03-01", null, null)]
    [InlineData("1. März 2025", true, "2025-03-01", null, null)]
    [InlineData("45291", true, "2023-12-31", null, null)]
    [InlineData("45292", false, "2024-01-01", null, null)]
    [InlineData("45291.5", true, "2023-12-31", "12:00:00", null)]
    [InlineData("45291,75", true, "2023-12-31", "18:00:00", null)]
    [InlineData("45291.4166666667", true, "2023-12-31", "10:00:00", null)]
    [InlineData("20000", true, "1954-10-03", null, null)]
    [InlineData("1735689600", true, "2025-01-01", "00:00:00", "00:00:00")]
    [InlineData("1735732800", true, "2025-01-01", "12:00:00", "00:00:00")]
    public void TryParse_KnownForm_GivesDateTimeAndOffset(string text, bool dayFirst, string date, string? time, string? offset)
    {
        Assert.True(VendorDateText.TryParse(text, dayFirst, out var written, out var problem));

        Assert.Null(problem);
        Assert.Equal(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), written.Date);
        Assert.Equal(time is null ? null : TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture), written.Time);
        Assert.Equal(offset is null ? null : TimeSpan.Parse(offset, System.Globalization.CultureInfo.InvariantCulture), written.Offset);
    }

    [Theory]
    [InlineData("19999")]
    [InlineData("80001")]
    [InlineData("123456")]
    [InlineData("12345678901")]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("31/02/2025")]
    [InlineData("32/01/2025")]
    [InlineData("1/2/20255")]
    [InlineData("2024-12-31 24:00")]
    [InlineData("2024-12-31T10:00+15:00")]
    [InlineData("2024-12-31T10:00 tomorrow")]
    [InlineData("Smarch 1, 2025")]
    [InlineData("Nov 1")]
    [InlineData("1/2-2025")]
    [InlineData("1899-12-31")]
    [InlineData("n/a")]
    [InlineData("45291.")]
    public void TryParse_NotADate_FailsWithoutProblem(string text)
    {
        Assert.False(VendorDateText.TryParse(text, dayFirst: true, out _, out var problem));

        Assert.Null(problem);
    }

    [Theory]
    [InlineData("31-12-24", true, "has a two-digit year: write the year in full (as in 31-12-2024), so that no century is guessed.")]
    [InlineData("12/31/24", false, "has a two-digit year: write the year in full (as in 12/31/2024), so that no century is guessed.")]
    [InlineData("Nov 1, 25", true, "has a two-digit year: write the year in full (as in 1 Nov 2025), so that no century is guessed.")]
    [InlineData("13/01/2025", false, "does not fit the day order of this file: its dates are read month first (MM/dd/yyyy), and 13 is " +
        "not a month. Write every date in the file in the same order.")]
    [InlineData("01.13.2025", true, "does not fit the day order of this file: its dates are read day first (dd.MM.yyyy), and 13 is " +
        "not a month. Write every date in the file in the same order.")]
    public void TryParse_DateLikeButWrong_SaysWhy(string text, bool dayFirst, string expected)
    {
        Assert.False(VendorDateText.TryParse(text, dayFirst, out _, out var problem));

        Assert.Equal(expected, problem);
    }
}
