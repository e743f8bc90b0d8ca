using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Stripe;

/// <summary>Fast readers for the value forms Sigma writes: integer minor units and <c>yyyy-MM-dd HH:mm:ss</c> UTC timestamps.</summary>
/// <remarks>
/// These run for every line of files with millions of rows, so the exact Sigma forms are read by hand without
/// allocating; anything else falls back to the general readers (or is a row error), so a value is never misread.
/// </remarks>
internal static class StripeInvoiceLinesValues
{
    /// <summary>At most 18 digits: every such integer fits a <see cref="long"/>.</summary>
    private const int MaxDigits = 18;

    /// <summary>Reads an optionally negative integer of ASCII digits (no separators, no sign after the digits).</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var negative = text.Length > 1 && text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.Length > MaxDigits)
        {
            return false;
        }

        foreach (var character in digits)
        {
            var digit = unchecked((uint)(character - '0'));
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>An amount in integer minor units as a decimal in major units, keeping the currency's scale (4900 EUR → 49.00).</summary>
    public static bool TryParseMinorUnits(ReadOnlySpan<char> text, int minorUnits, out decimal value)
    {
        value = 0m;
        if (!TryParseInteger(text, out var units))
        {
            return false;
        }

        var magnitude = (ulong)Math.Abs(units);
        value = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, units < 0, (byte)minorUnits);
        return true;
    }
}

/// <summary>A Sigma timestamp column: <c>yyyy-MM-dd HH:mm:ss</c> in UTC, read by hand with the day remembered.</summary>
/// <remarks>Other forms (minutes only, fractions, an offset, a date) go to the vendor <see cref="InstantColumn"/>.</remarks>
internal sealed class StripeTimestampColumn(CsvColumn column, TimeZoneInfo businessTimeZone, CsvLayout layout)
{
    private const int Length = 19;

    private readonly InstantColumn _general = new(column, businessTimeZone, layout, TimeZoneInfo.Utc);
    private int _lastDate = -1;
    private long _lastDayTicks;

    public CsvColumn Column => column;

    /// <summary>The instant, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public DateTimeOffset? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        return TryParseExact(text, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : _general.Read(record);
    }

    /// <summary>Like <see cref="Read"/>, but an empty cell is reported with <paramref name="emptyMessage"/>.</summary>
    public DateTimeOffset? ReadRequired(CsvRecord record, string emptyMessage)
    {
        if (record.Span(column).IsEmpty)
        {
            record.Fail(column, emptyMessage);
            return null;
        }

        return Read(record);
    }

    private bool TryParseExact(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        var hour = Digits(text, 11, 2);
        var minute = Digits(text, 14, 2);
        var second = Digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var date = (year * 10_000) + (month * 100) + day;
        if (date != _lastDate)
        {
            if (year is < DateColumn.MinYear or > DateColumn.MaxYear || month is < 1 or > 12 || day < 1
                || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            _lastDayTicks = new DateOnly(year, month, day).DayNumber * TimeSpan.TicksPerDay;
            _lastDate = date;
        }

        ticks = _lastDayTicks + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond);
        return true;
    }

    /// <summary>The number written by <paramref name="count"/> ASCII digits at <paramref name="start"/>, or -1.</summary>
    private static int Digits(ReadOnlySpan<char> text, int start, int count)
    {
        var value = 0;
        for (var index = start; index < start + count; index++)
        {
            var digit = unchecked((uint)(text[index] - '0'));
            if (digit > 9)
            {
                return -1;
            }

            value = (value * 10) + (int)digit;
        }

        return value;
    }
}

/// <summary>The currency column: lower-case ISO 4217 codes, with the few codes of a file remembered.</summary>
internal sealed class StripeCurrencyColumn(CsvColumn column, CurrencyCode? reportingCurrency)
{
    private const int MaxRemembered = 16;

    private readonly List<(string Text, CurrencyCode Code)> _known = [];

    public CsvColumn Column => column;

    /// <returns>The currency, or null when it is empty, unknown or foreign (reported on the record).</returns>
    public CurrencyCode? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            record.Fail(column, "currency is empty: every line needs its ISO 4217 currency code, such as eur or usd.");
            return null;
        }

        if (!TryFind(text, out var currency))
        {
            record.Fail(column, string.Concat("'", record.Written(column),
                "' is not an ISO 4217 currency code: expected a code such as eur, usd or jpy."));
            return null;
        }

        if (reportingCurrency is { } reporting && currency != reporting)
        {
            record.Fail(column, string.Concat("currency ", currency.Code, " differs from the reporting currency ", reporting.Code,
                "; exchange rates are not supported yet"));
            return null;
        }

        return currency;
    }

    private bool TryFind(ReadOnlySpan<char> text, out CurrencyCode currency)
    {
        foreach (var (known, code) in _known)
        {
            if (text.SequenceEqual(known))
            {
                currency = code;
                return true;
            }
        }

        var written = text.ToString();
        if (!CurrencyCode.TryParse(written, out currency))
        {
            return false;
        }

        if (_known.Count < MaxRemembered)
        {
            _known.Add((written, currency));
        }

        return true;
    }
}

/// <summary>Keeps the previous value of a column whose rows come in runs (all lines of one invoice are adjacent).</summary>
internal sealed class RepeatedText
{
    private string _last = string.Empty;

    public string? Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return null;
        }

        if (!value.SequenceEqual(_last))
        {
            _last = value.ToString();
        }

        return _last;
    }
}
