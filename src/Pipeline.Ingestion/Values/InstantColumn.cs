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
    private readonly CsvLayout? _layout;
    private readonly TimeZoneInfo? _naiveTimeZone;

    /// <summary>A column of a vendor export: besides the canonical forms, the date forms of EXPORTS.md C1.5.</summary>
    /// <param name="column">The column.</param>
    /// <param name="businessTimeZone">A date without a time is 00:00 in this zone.</param>
    /// <param name="layout">The file's layout, which says whether numeric dates are day first.</param>
    /// <param name="naiveTimeZone">A date with a time but no offset is in this zone (UTC for Stripe's <c>(UTC)</c> columns).</param>
    public InstantColumn(CsvColumn column, TimeZoneInfo businessTimeZone, CsvLayout layout, TimeZoneInfo naiveTimeZone)
        : this(column, businessTimeZone)
    {
        _layout = layout;
        _naiveTimeZone = naiveTimeZone;
    }

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

    /// <summary>Whether numeric dates such as <c>03/04/2025</c> are read day first (vendor columns only).</summary>
    public bool DayFirst => _layout?.DayFirst ?? true;

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

        if (_naiveTimeZone is not null && TryParseNaive(text, _naiveTimeZone, out instant))
        {
            return true;
        }

        var isInstant = DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
        // Whole microseconds (what the ledger's Parquet timestamps keep), and only years a billing month can have.
        instant = new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);
        return isInstant && instant.Year is >= DateColumn.MinYear and <= DateColumn.MaxYear;
    }

    /// <summary><c>yyyy-MM-dd HH:mm[:ss]</c> without an offset, read in <paramref name="zone"/>.</summary>
    private static bool TryParseNaive(ReadOnlySpan<char> text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(text, NaiveFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Year is < DateColumn.MinYear or > DateColumn.MaxYear)
        {
            return false;
        }

        var offset = zone.GetUtcOffset(local);
        instant = new DateTimeOffset(local.Ticks - offset.Ticks - ((local.Ticks - offset.Ticks) % 10), TimeSpan.Zero);
        return true;
    }

    private static readonly string[] NaiveFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

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
