using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads a date or instant column into UTC instants.</summary>
/// <remarks>
/// <c>yyyy-MM-dd</c> means 00:00 that day in the tenant's business time zone (<see cref="BillingMonth.StartOfDay"/>).
/// An ISO 8601 instant needs an offset or <c>Z</c>: a time without one names no instant. Every result has offset zero.
/// Converted dates are remembered (export rows repeat the same few hundred dates), since a time-zone conversion
/// costs far more than a lookup.
/// </remarks>
internal sealed class InstantColumn(CsvColumn column, TimeZoneInfo businessTimeZone)
{
    public const string Expected = "expected a date as yyyy-MM-dd or an ISO 8601 instant such as 2025-01-31T09:30:00Z";

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'",
    ];

    private const int MaxRememberedDates = 4096;

    private readonly Dictionary<DateOnly, DateTimeOffset> _startOfDay = [];

    public CsvColumn Column => column;

    /// <summary>The instant, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public DateTimeOffset? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParse(text, out var instant))
        {
            return instant;
        }

        record.Fail(column, string.Concat("'", record.Written(column), "' is not a date: ", Expected, "."));
        return null;
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

    private bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        if (text.Length == 10)
        {
            var isDate = DateColumn.TryParse(text, out var date);
            instant = isDate ? StartOf(date) : default;
            return isDate;
        }

        var isInstant = DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
        // Whole microseconds (what the ledger's Parquet timestamps keep), and only years a billing month can have.
        instant = new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);
        return isInstant && instant.Year is >= DateColumn.MinYear and <= DateColumn.MaxYear;
    }

    private DateTimeOffset StartOf(DateOnly date)
    {
        if (!_startOfDay.TryGetValue(date, out var start))
        {
            if (_startOfDay.Count >= MaxRememberedDates)
            {
                _startOfDay.Clear();
            }

            start = BillingMonth.StartOfDay(date, businessTimeZone);
            _startOfDay.Add(date, start);
        }

        return start;
    }
}
