using System.Globalization;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Reads a date column in the profile's exact format, as a wall-clock time in the business time zone.</summary>
internal sealed class ProfileDateColumn(CsvColumn column, string format)
{
    private readonly string _expected = string.Concat("expected a date as ", format, " (the profile's dateFormat), for example ",
        ProfileDates.Example(format));

    public CsvColumn Column => column;

    /// <summary>The local date-time, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public DateTime? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && local.Year is >= DateColumn.MinYear and <= DateColumn.MaxYear)
        {
            return local;
        }

        record.Fail(column, string.Concat("'", record.Written(column), "' is not a date: ", _expected, "."));
        return null;
    }
}
