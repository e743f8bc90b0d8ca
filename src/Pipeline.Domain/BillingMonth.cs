using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pipeline.Domain;

/// <summary>A calendar month in the tenant's business time zone: the unit every KPI is reported in.</summary>
/// <remarks>
/// <see cref="ToString"/> gives <c>yyyy-MM</c>, which sorts chronologically as text (table row keys, blob folders).
/// The month's end instant <c>T_m</c> (METRICS.md) is <see cref="EndInstant"/>: the last tick before the next
/// month starts in the business time zone, so a service period <c>[start, end)</c> ending at midnight on the
/// first of the next month still covers it.
/// </remarks>
public readonly record struct BillingMonth : IComparable<BillingMonth>
{
    public BillingMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>The first calendar day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The last calendar day of the month (inclusive).</summary>
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public static BillingMonth FromDate(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The month that contains <paramref name="instant"/> in the given time zone.</summary>
    public static BillingMonth Containing(DateTimeOffset instant, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = TimeZoneInfo.ConvertTime(instant, timeZone);
        return new BillingMonth(local.Year, local.Month);
    }

    public static BillingMonth Parse(string value) =>
        TryParse(value, out var month)
            ? month
            : throw new FormatException($"'{value}' is not a month: expected yyyy-MM, for example 2025-03.");

    public static bool TryParse([NotNullWhen(true)] string? value, out BillingMonth month)
    {
        month = default;
        if (value is null
            || !DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year < 1900 || date.Year > 9998)
        {
            return false;
        }

        month = new BillingMonth(date.Year, date.Month);
        return true;
    }

    public BillingMonth PlusMonths(int months)
    {
        var date = FirstDay.AddMonths(months);
        return new BillingMonth(date.Year, date.Month);
    }

    public BillingMonth Next() => PlusMonths(1);

    public BillingMonth Previous() => PlusMonths(-1);

    /// <summary>Whole months from <paramref name="other"/> to this month (positive when this month is later).</summary>
    public int MonthsSince(BillingMonth other) => ((Year - other.Year) * 12) + (Month - other.Month);

    /// <summary>The instant the month starts: 00:00 on its first day in <paramref name="timeZone"/>.</summary>
    public DateTimeOffset StartInstant(TimeZoneInfo timeZone) => StartOfDay(FirstDay, timeZone);

    /// <summary><c>T_m</c>: the last instant of the month in <paramref name="timeZone"/> (one tick before the next month).</summary>
    /// <remarks>Computed from the next month's first day, not from <see cref="Next"/>, so December 9998 has an end too.</remarks>
    public DateTimeOffset EndInstant(TimeZoneInfo timeZone) => StartOfDay(FirstDay.AddMonths(1), timeZone).AddTicks(-1);

    /// <summary>00:00 of <paramref name="day"/> in <paramref name="timeZone"/>, as a UTC instant.</summary>
    /// <remarks>Where a DST jump skips midnight, the first valid local time after it is used.</remarks>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (timeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = timeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public int CompareTo(BillingMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(BillingMonth left, BillingMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(BillingMonth left, BillingMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(BillingMonth left, BillingMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BillingMonth left, BillingMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>Writes <c>yyyy-MM</c> (what <see cref="ToString"/> gives) as UTF-8, without a string: 7 bytes.</summary>
    /// <returns>False, writing nothing usable, when <paramref name="utf8Destination"/> is shorter than 7 bytes.</returns>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten) =>
        System.Text.Unicode.Utf8.TryWrite(utf8Destination, CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}", out bytesWritten);
}
