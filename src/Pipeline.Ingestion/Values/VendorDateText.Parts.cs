namespace Pipeline.Ingestion.Values;

/// <summary>The pieces of <see cref="VendorDateText"/>: month-name dates, times of day, offsets and digit runs.</summary>
internal static partial class VendorDateText
{
    /// <summary><c>[Weekday,] Month d[,] yyyy</c> or <c>[Weekday,] d[.] Month yyyy</c>, separated by spaces, commas or hyphens.</summary>
    private static bool TryParseWords(ReadOnlySpan<char> text, out WrittenDate date, out string? problem)
    {
        date = default;
        problem = null;
        Span<Range> parts = stackalloc Range[6];
        var count = text.SplitAny(parts, " ,-", StringSplitOptions.RemoveEmptyEntries);
        var first = count > 0 && MonthNames.IsWeekday(text[parts[0]]) ? 1 : 0;
        if (count - first != 3)
        {
            return false;
        }

        var head = text[parts[first]];
        var middle = text[parts[first + 1]];
        var year = text[parts[first + 2]];
        var month = MonthNames.Month(head);
        var day = month > 0 ? middle : head;
        month = month > 0 ? month : MonthNames.Month(middle);
        day = day.TrimEnd('.');
        if (month == 0 || day.Length is < 1 or > 2 || LeadingDigits(day) != day.Length || LeadingDigits(year) != year.Length)
        {
            return false;
        }

        if (year.Length == 2)
        {
            problem = "has a two-digit year: write the year in full (as in 1 Nov 2025), so that no century is guessed.";
            return false;
        }

        if (year.Length != 4 || !IsDay(Number(year), month, Number(day)))
        {
            return false;
        }

        date = new WrittenDate(new DateOnly(Number(year), month, Number(day)), null, null);
        return true;
    }

    /// <summary>Takes <c>H:mm</c>, <c>HH:mm:ss</c> or <c>HH:mm:ss.fffffff</c> (up to 9 fraction digits, kept to 7) after <paramref name="skip"/> characters.</summary>
    private static bool TryTakeClock(ref ReadOnlySpan<char> text, int skip, out TimeSpan time)
    {
        time = default;
        var rest = text[skip..];
        var hourDigits = LeadingDigits(rest);
        if (hourDigits is < 1 or > 2 || At(rest, hourDigits) != ':' || LeadingDigits(rest[(hourDigits + 1)..]) != 2)
        {
            return false;
        }

        var (hour, minute, second, ticks) = (Number(rest[..hourDigits]), Number(rest.Slice(hourDigits + 1, 2)), 0, 0L);
        rest = rest[(hourDigits + 3)..];
        if (At(rest, 0) == ':')
        {
            if (LeadingDigits(rest[1..]) != 2)
            {
                return false;
            }

            second = Number(rest.Slice(1, 2));
            rest = rest[3..];
            if (At(rest, 0) is '.' or ',')
            {
                var fraction = LeadingDigits(rest[1..]);
                if (fraction is < 1 or > 9)
                {
                    return false;
                }

                ticks = Number(rest.Slice(1, Math.Min(fraction, 7))) * (long)Math.Pow(10, 7 - Math.Min(fraction, 7));
                rest = rest[(1 + fraction)..];
            }
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new TimeSpan(0, hour, minute, second).Add(TimeSpan.FromTicks(ticks));
        text = rest;
        return true;
    }

    /// <summary>Nothing (no offset), <c>Z</c>/<c>UTC</c>/<c>GMT</c>, or <c>±hh</c>, <c>±hhmm</c>, <c>±hh:mm</c>.</summary>
    private static bool TryOffset(ReadOnlySpan<char> text, out TimeSpan? offset)
    {
        offset = null;
        if (text.IsEmpty)
        {
            return true;
        }

        if (text is "Z" or "z" or "UTC" or "GMT")
        {
            offset = TimeSpan.Zero;
            return true;
        }

        var body = text[1..];
        var compact = body.Length is 2 or 4 && LeadingDigits(body) == body.Length;
        var colon = body.Length == 5 && body[2] == ':' && LeadingDigits(body[..2]) == 2 && LeadingDigits(body[3..]) == 2;
        if (text[0] is not ('+' or '-') || (!compact && !colon))
        {
            return false;
        }

        var (hours, minutes) = (Number(body[..2]), body.Length == 2 ? 0 : Number(body[^2..]));
        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        var magnitude = new TimeSpan(hours, minutes, 0);
        offset = text[0] == '-' ? -magnitude : magnitude;
        return true;
    }

    /// <summary>An optional <c>AM</c>/<c>PM</c> after a 12-hour time.</summary>
    private static bool TryMeridiem(ReadOnlySpan<char> text, ref TimeSpan clock)
    {
        if (text.IsEmpty)
        {
            return true;
        }

        var isAm = text.Equals("AM", StringComparison.OrdinalIgnoreCase);
        if ((!isAm && !text.Equals("PM", StringComparison.OrdinalIgnoreCase)) || clock.Hours is < 1 or > 12)
        {
            return false;
        }

        var hours = clock.Hours % 12 + (isAm ? 0 : 12);
        clock = clock.Add(TimeSpan.FromHours(hours - clock.Hours));
        return true;
    }

    private static int LeadingDigits(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (count < text.Length && char.IsAsciiDigit(text[count]))
        {
            count++;
        }

        return count;
    }

    private static char At(ReadOnlySpan<char> text, int index) => index < text.Length ? text[index] : '\0';

    /// <summary>The value of a run of at most 9 ASCII digits (checked by the caller).</summary>
    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value * 10) + (digit - '0');
        }

        return value;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out int value)
    {
        value = LeadingDigits(text) == text.Length ? Number(text) : -1;
        return value >= 0;
    }

    private static bool IsDay(int year, int month, int day) =>
        year is >= DateColumn.MinYear and <= DateColumn.MaxYear && month is >= 1 and <= 12 && day >= 1
        && day <= DateTime.DaysInMonth(year, month);
}
