namespace Pipeline.Ingestion.Values;

/// <summary>Reads the date forms of vendor exports and re-saved spreadsheets (EXPORTS.md C1.5), by hand.</summary>
/// <remarks>
/// Year-first dates with an optional time and offset (<c>2024-12-31</c>, <c>2024-12-31 00:00[:00]</c>, RFC 3339 with
/// microseconds and <c>Z</c>), numeric day/month dates whose order the file decides (<c>31-12-2024</c>, <c>31.12.2024</c>,
/// <c>12/31/2024</c>), dates with month names (<c>Sat, Nov 1, 2025</c>, <c>November 1, 2025</c>, <c>1 Nov 2025</c>,
/// <c>1-nov-2025</c>), Excel serial numbers (20000–80000, a fraction is the time of day) and Unix epoch seconds (ten
/// digits). No format strings: the common forms are a few character checks each. Two-digit years are refused rather
/// than given a guessed century.
/// </remarks>
internal static partial class VendorDateText
{
    public const string Expected = "expected a date such as 2025-01-31, 31-01-2025, 31.01.2025, 31/01/2025, Jan 31, 2025, " +
        "31 Jan 2025, an Excel serial number such as 45688, or an ISO 8601 instant such as 2025-01-31T09:30:00Z";

    private const int MaxLength = 48;
    private const int MinSerial = 20_000;
    private const int MaxSerial = 80_000;

    /// <summary>Day 0 of Excel's 1900 date system, as it counts after its (deliberate) 29 February 1900.</summary>
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>Parses <paramref name="text"/> (trimmed); numeric day/month dates are read day first when <paramref name="dayFirst"/>.</summary>
    /// <param name="text">The trimmed cell.</param>
    /// <param name="dayFirst">Whether <c>03/04/2025</c> is 3 April (the file's order, see <c>CsvLayout.DayFirst</c>).</param>
    /// <param name="date">The date read.</param>
    /// <param name="problem">
    /// When the text looks like a date but cannot be one, why (a two-digit year, a value against the file's day
    /// order), written to follow the quoted value; else null.
    /// </param>
    public static bool TryParse(ReadOnlySpan<char> text, bool dayFirst, out WrittenDate date, out string? problem)
    {
        date = default;
        problem = null;
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        if (char.IsAsciiLetter(text[0]))
        {
            return TryParseWords(text, out date, out problem);
        }

        var digits = LeadingDigits(text);
        if (digits == 0)
        {
            return false;
        }

        if (digits == text.Length || (digits == 5 && text[5] is '.' or ','))
        {
            return TryParseNumber(text, digits, out date);
        }

        if (digits == 4)
        {
            return TryParseYearFirst(text, out date);
        }

        if (digits > 2)
        {
            return false;
        }

        return text[digits] is '/' or '-' or '.' && char.IsAsciiDigit(At(text, digits + 1))
            ? TryParseDayMonth(text, digits, dayFirst, out date, out problem)
            : TryParseWords(text, out date, out problem);
    }

    /// <summary><c>yyyy-MM-dd</c> (or <c>/</c>, <c>.</c>), then optionally <c>T</c> or a space, a time, and <c>Z</c> or an offset.</summary>
    private static bool TryParseYearFirst(ReadOnlySpan<char> text, out WrittenDate date)
    {
        date = default;
        if (text.Length < 10 || text[4] is not ('-' or '/' or '.') || text[7] != text[4]
            || !TryNumber(text[..4], out var year) || !TryNumber(text.Slice(5, 2), out var month)
            || !TryNumber(text.Slice(8, 2), out var day) || !IsDay(year, month, day))
        {
            return false;
        }

        var rest = text[10..];
        if (rest.IsEmpty)
        {
            date = new WrittenDate(new DateOnly(year, month, day), null, null);
            return true;
        }

        if (rest[0] is not ('T' or ' ') || !TryTakeClock(ref rest, 1, out var time))
        {
            return false;
        }

        if (!TryOffset(rest.TrimStart(' '), out var offset))
        {
            return false;
        }

        date = new WrittenDate(new DateOnly(year, month, day), time, offset);
        return true;
    }

    /// <summary><c>a/b/yyyy</c>, <c>a-b-yyyy</c> or <c>a.b.yyyy</c> with 1–2 digit fields, then optionally a time (with AM/PM).</summary>
    private static bool TryParseDayMonth(ReadOnlySpan<char> text, int firstDigits, bool dayFirst, out WrittenDate date, out string? problem)
    {
        date = default;
        problem = null;
        var separator = text[firstDigits];
        var rest = text[(firstDigits + 1)..];
        var secondDigits = LeadingDigits(rest);
        if (secondDigits is < 1 or > 2 || At(rest, secondDigits) != separator)
        {
            return false;
        }

        var first = Number(text[..firstDigits]);
        var second = Number(rest[..secondDigits]);
        rest = rest[(secondDigits + 1)..];
        var yearDigits = LeadingDigits(rest);
        if (yearDigits == 2 && (rest.Length == 2 || rest[2] == ' '))
        {
            problem = string.Concat("has a two-digit year: write the year in full (as in ", TwoDigitExample(separator, dayFirst),
                "), so that no century is guessed.");
            return false;
        }

        if (yearDigits != 4)
        {
            return false;
        }

        var year = Number(rest[..4]);
        rest = rest[4..];
        TimeSpan? time = null;
        if (!rest.IsEmpty)
        {
            if (rest[0] is not (' ' or 'T') || !TryTakeClock(ref rest, 1, out var clock) || !TryMeridiem(rest.TrimStart(' '), ref clock))
            {
                return false;
            }

            time = clock;
        }

        var (day, month) = dayFirst ? (first, second) : (second, first);
        if (month > 12 && day <= 12 && month <= 31)
        {
            problem = OrderProblem(separator, dayFirst, month);
            return false;
        }

        if (!IsDay(year, month, day))
        {
            return false;
        }

        date = new WrittenDate(new DateOnly(year, month, day), time, null);
        return true;
    }

    private static string OrderProblem(char separator, bool dayFirst, int notAMonth)
    {
        var pattern = dayFirst ? string.Concat("dd", separator, "MM", separator, "yyyy") : string.Concat("MM", separator, "dd", separator, "yyyy");
        return string.Concat("does not fit the day order of this file: its dates are read ", dayFirst ? "day" : "month", " first (",
            pattern, "), and ", notAMonth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            " is not a month. Write every date in the file in the same order.");
    }

    private static string TwoDigitExample(char separator, bool dayFirst) =>
        dayFirst ? string.Concat("31", separator, "12", separator, "2024") : string.Concat("12", separator, "31", separator, "2024");

    /// <summary>An Excel serial number (optionally with a fraction: the time of day), or ten digits of Unix epoch seconds.</summary>
    private static bool TryParseNumber(ReadOnlySpan<char> text, int digits, out WrittenDate date)
    {
        date = default;
        if (digits == 10 && text.Length == 10)
        {
            var instant = DateTimeOffset.FromUnixTimeSeconds(long.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            date = new WrittenDate(DateOnly.FromDateTime(instant.UtcDateTime), instant.UtcDateTime.TimeOfDay, TimeSpan.Zero);
            return true;
        }

        var serial = digits == 5 ? Number(text[..5]) : 0;
        if (serial is < MinSerial or > MaxSerial)
        {
            return false;
        }

        var day = ExcelEpoch.AddDays(serial);
        if (text.Length == 5)
        {
            date = new WrittenDate(day, null, null);
            return true;
        }

        var fraction = text[6..];
        if (fraction.IsEmpty || fraction.Length > 17 || LeadingDigits(fraction) != fraction.Length)
        {
            return false;
        }

        var seconds = (long)Math.Round(decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture)
            / Pow10(fraction.Length) * 86_400m, MidpointRounding.AwayFromZero);
        date = seconds switch
        {
            0 => new WrittenDate(day, null, null),
            86_400 => new WrittenDate(day.AddDays(1), TimeSpan.Zero, null),
            _ => new WrittenDate(day, TimeSpan.FromSeconds(seconds), null),
        };
        return true;
    }

    private static decimal Pow10(int exponent)
    {
        var power = 1m;
        for (var index = 0; index < exponent; index++)
        {
            power *= 10m;
        }

        return power;
    }
}
