using System.Globalization;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Ads;

/// <summary>Reads the day column of an ad platform export in the forms those platforms and a re-saving Excel write.</summary>
/// <remarks>
/// <c>yyyy-MM-dd</c> (Google, Meta), <c>01/31/2025</c> (LinkedIn, US), <c>31-01-2025</c> and <c>31.01.2025</c> (an Excel in
/// nl or de), <c>Sat, Nov 1, 2025</c> and <c>January 29, 2024</c> (Google charts), and Excel serial numbers. For slashed
/// dates the day/month order is decided per column like the decimal separator: a first field over 12 settles day
/// first, a second over 12 month first; until then the format's default holds, and a later value against the settled
/// order is a row error. A small stand-in until <c>Values/</c> reads these forms per file (<c>CsvLayout.DayFirst</c>).
/// </remarks>
internal sealed class AdDayColumn(CsvColumn column, bool monthFirstByDefault)
{
    public const string Expected = "a day such as 2025-01-31, 01/31/2025, 31-01-2025, Jan 31, 2025 or an Excel date number";

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);
    private static readonly string[] TextFormats = ["MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy", "MMMM d yyyy", "d MMM yyyy", "d MMMM yyyy"];

    private bool? _monthFirst;
    private bool _readAmbiguous;

    public CsvColumn Column => column;

    /// <summary>A note when the order was settled only after ambiguous dates had been read with the default, else null.</summary>
    public string? Warning { get; private set; }

    /// <summary>Whether the cell holds a day, without reporting or settling anything (for telling totals rows apart).</summary>
    public bool IsDay(CsvRecord record) => TryParse(record.Span(column), _monthFirst ?? monthFirstByDefault, out _, out _);

    /// <summary>The day; an empty cell is reported with <paramref name="emptyMessage"/>, an invalid one with what is expected.</summary>
    public DateOnly? ReadRequired(CsvRecord record, string emptyMessage)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            record.Fail(column, emptyMessage);
            return null;
        }

        return Read(record);
    }

    /// <summary>The day, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public DateOnly? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        var monthFirst = _monthFirst ?? monthFirstByDefault;
        if (!TryParse(text, monthFirst, out var day, out var evidence))
        {
            record.Fail(column, string.Concat("'", record.Written(column), "' is not a date: expected ", Expected, "."));
            return null;
        }

        if (evidence is { } settles && _monthFirst is { } settled && settles != settled)
        {
            record.Fail(column, string.Concat("'", record.Written(column), "' is written ", Order(settles),
                ", but other dates in this column are ", Order(settled), "; use one date order for the whole column."));
            return null;
        }

        Remember(record, evidence, monthFirst);
        return day;
    }

    private void Remember(CsvRecord record, bool? evidence, bool monthFirst)
    {
        if (evidence is null)
        {
            _readAmbiguous |= _monthFirst is null && IsSlashed(record.Span(column));
            return;
        }

        if (_monthFirst is null && _readAmbiguous && evidence != monthFirst)
        {
            Warning = string.Create(CultureInfo.InvariantCulture,
                $"Dates in {column.Name} before row {record.Row} that could be read either way were read {Order(monthFirst)}, but row {record.Row} is {Order(evidence.Value)}: check those rows.");
        }

        _monthFirst = evidence;
    }

    private static string Order(bool monthFirst) => monthFirst ? "month first (MM/DD/YYYY)" : "day first (DD/MM/YYYY)";

    private static bool IsSlashed(ReadOnlySpan<char> text) => text.Contains('/');

    /// <summary>Parses one cell; <paramref name="evidence"/> is true (month first) or false (day first) for a slashed date that settles the order.</summary>
    private static bool TryParse(ReadOnlySpan<char> text, bool monthFirst, out DateOnly day, out bool? evidence)
    {
        evidence = null;
        if (DateColumn.TryParse(text, out day) || TryParseExcelSerial(text, out day) || TryParseText(text, out day))
        {
            return true;
        }

        var separator = text.IndexOfAny('/', '-', '.') is var index and >= 0 ? text[index] : '\0';
        Span<Range> parts = stackalloc Range[4];
        if (separator == '\0' || text.Split(parts, separator) != 3
            || !TryNumber(text[parts[0]], out var first) || !TryNumber(text[parts[1]], out var second)
            || text[parts[2]].Length != 4 || !TryNumber(text[parts[2]], out var year))
        {
            return false;
        }

        if (separator == '/')
        {
            evidence = first > 12 ? false : second > 12 ? true : null;
            monthFirst = evidence ?? monthFirst;
        }
        else
        {
            monthFirst = false;
        }

        return TryCreate(year, monthFirst ? first : second, monthFirst ? second : first, out day);
    }

    private static bool TryParseText(ReadOnlySpan<char> text, out DateOnly day)
    {
        day = default;
        // "Sat, Nov 1, 2025": the weekday adds nothing once the date itself is known.
        if (text.Length > 5 && text[3] == ',' && char.IsAsciiLetter(text[0]))
        {
            text = text[4..].TrimStart();
        }

        return DateTime.TryParseExact(text, TextFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)
            && TryCreate(parsed.Year, parsed.Month, parsed.Day, out day);
    }

    /// <summary>Days since 1899-12-30, as Excel stores dates; only five-digit serials (1954–2173) are taken as dates.</summary>
    private static bool TryParseExcelSerial(ReadOnlySpan<char> text, out DateOnly day)
    {
        day = default;
        if (text.Length != 5 || !TryNumber(text, out var serial) || serial < 20000)
        {
            return false;
        }

        day = ExcelEpoch.AddDays(serial);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return text.Length is >= 1 and <= 5 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryCreate(int year, int month, int dayOfMonth, out DateOnly day)
    {
        day = default;
        if (year is < DateColumn.MinYear or > DateColumn.MaxYear || month is < 1 or > 12 || dayOfMonth < 1
            || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }
}
