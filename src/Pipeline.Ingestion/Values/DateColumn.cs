using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads a column of calendar days written as <c>yyyy-MM-dd</c>.</summary>
/// <remarks>
/// For values that name a day rather than an instant (the day spend was booked, the day a rate was published), so no
/// time zone is involved. Only the years a <see cref="Domain.BillingMonth"/> can have (1900–9998) are accepted: a
/// date outside them is a typo, reported on its row.
/// </remarks>
internal sealed class DateColumn(CsvColumn column)
{
    private readonly CsvLayout? _layout;

    /// <summary>A day column of a vendor export: besides <c>yyyy-MM-dd</c>, the date forms of EXPORTS.md C1.5.</summary>
    /// <param name="column">The column.</param>
    /// <param name="layout">The file's layout, which says whether numeric dates are day first.</param>
    /// <remarks>A value with a time keeps the day as written; Unix epoch seconds give the UTC day.</remarks>
    public DateColumn(CsvColumn column, CsvLayout layout)
        : this(column) => _layout = layout;

    public const string Expected = "expected a date as yyyy-MM-dd, for example 2025-01-31";

    public const int MinYear = 1900;
    public const int MaxYear = 9998;

    public CsvColumn Column => column;

    /// <summary>The day, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public DateOnly? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParse(text, out var date))
        {
            return date;
        }

        string? problem = null;
        if (_layout is not null && VendorDateText.TryParse(text, _layout.DayFirst, out var written, out problem))
        {
            return written.Date;
        }

        record.Fail(column, problem is null
            ? string.Concat("'", record.Written(column), "' is not a date: ", _layout is null ? Expected : VendorDateText.Expected, ".")
            : string.Concat("'", record.Written(column), "' ", problem));
        return null;
    }

    /// <summary>Whether the cell holds a date this column reads, without reporting anything (for telling summary rows apart).</summary>
    public bool IsDate(CsvRecord record)
    {
        var text = record.Span(column);
        return TryParse(text, out _) || (_layout is not null && VendorDateText.TryParse(text, _layout.DayFirst, out _, out _));
    }

    /// <summary>Like <see cref="Read"/>, but an empty cell is reported with <paramref name="emptyMessage"/>.</summary>
    public DateOnly? ReadRequired(CsvRecord record, string emptyMessage)
    {
        if (record.Span(column).IsEmpty)
        {
            record.Fail(column, emptyMessage);
            return null;
        }

        return Read(record);
    }

    /// <summary>Exactly <c>yyyy-MM-dd</c>, checked by hand: about ten times cheaper than a format-string parse.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !AsciiDigits.TryParse(text[..4], out var year)
            || !AsciiDigits.TryParse(text.Slice(5, 2), out var month)
            || !AsciiDigits.TryParse(text.Slice(8, 2), out var day)
            || year < MinYear || year > MaxYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
