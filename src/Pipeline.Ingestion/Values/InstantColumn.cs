using System.Globalization;
using System.Runtime.InteropServices;
using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads a date or instant column into UTC instants.</summary>
/// <remarks>
/// <c>yyyy-MM-dd</c> means 00:00 that day in the tenant's business time zone (<see cref="BillingMonth.StartOfDay"/>).
/// An ISO 8601 instant needs an offset or <c>Z</c>: a time without one names no instant. Every result has offset zero.
/// Converted dates are remembered (export rows repeat the same few hundred dates), since a time-zone conversion
/// costs far more than a lookup. The vendor constructor also reads the forms of <see cref="VendorDateText"/>; the
/// canonical one stays strict, since a canonical file promises those two forms only.
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

    /// <summary>Slots of the date memory, a power of two.</summary>
    private const int RememberedDates = 4096;

    /// <summary>Direct-mapped by a hash of the date's digits: the digits and the start of its day.</summary>
    private RememberedDate[]? _remembered;

    /// <summary>Direct-mapped by day number, for the vendor forms: the day (+ 1, so 0 is an empty slot) and its start.</summary>
    private (int Day, DateTimeOffset Start)[]? _days;

    public CsvColumn Column => column;

    /// <summary>Whether numeric dates such as <c>03/04/2025</c> are read day first (vendor columns only).</summary>
    public bool DayFirst => _layout?.DayFirst ?? true;

    /// <summary>The instant, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public DateTimeOffset? Read(CsvRecord record) => Read(record, record.Span(column));

    /// <summary>Like <see cref="Read(CsvRecord)"/>, but an empty cell is reported with <paramref name="emptyMessage"/>.</summary>
    public DateTimeOffset? ReadRequired(CsvRecord record, string emptyMessage)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            record.Fail(column, emptyMessage);
            return null;
        }

        return Read(record, text);
    }

    private DateTimeOffset? Read(CsvRecord record, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParse(text, out var instant, out var problem))
        {
            return instant;
        }

        record.Fail(column, problem is null
            ? string.Concat("'", record.Written(column), "' is not a date: ", _layout is null ? Expected : VendorDateText.Expected, ".")
            : string.Concat("'", record.Written(column), "' ", problem));
        return null;
    }

    private bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset instant, out string? problem)
    {
        problem = null;
        if (text.Length == 10 && TryRemembered(text, out instant))
        {
            return true;
        }

        if (text.Length == 10 && DateColumn.TryParse(text, out var date))
        {
            instant = BillingMonth.StartOfDay(date, businessTimeZone);
            Remember(text, instant);
            return true;
        }

        if (_layout is null)
        {
            return TryParseCanonical(text, out instant);
        }

        instant = default;
        return VendorDateText.TryParse(text, _layout.DayFirst, out var written, out problem) && TryResolve(written, out instant);
    }

    /// <summary>The canonical forms after <c>yyyy-MM-dd</c>: an ISO 8601 instant with an offset or <c>Z</c>.</summary>
    private static bool TryParseCanonical(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        if (text.Length == 10)
        {
            instant = default;
            return false;
        }

        var isInstant = DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
        // Whole microseconds (what the ledger's Parquet timestamps keep), and only years a billing month can have.
        instant = new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);
        return isInstant && instant.Year is >= DateColumn.MinYear and <= DateColumn.MaxYear;
    }

    /// <summary>
    /// A date alone is 00:00 in the business zone; a time with an offset is that instant; a time without one is in the
    /// naive zone (UTC for Stripe's <c>(UTC)</c> columns).
    /// </summary>
    private bool TryResolve(WrittenDate written, out DateTimeOffset instant)
    {
        if (written.Time is not { } time)
        {
            instant = StartOf(written.Date);
            return true;
        }

        var local = written.Date.ToDateTime(TimeOnly.MinValue).Add(time);
        var offset = written.Offset ?? _naiveTimeZone!.GetUtcOffset(local);
        var utcTicks = local.Ticks - offset.Ticks;
        instant = new DateTimeOffset(utcTicks - (utcTicks % 10), TimeSpan.Zero);
        return instant.Year is >= DateColumn.MinYear and <= DateColumn.MaxYear;
    }

    /// <summary>The start of the day a <c>yyyy-MM-dd</c> text read before names, found by its text.</summary>
    /// <remarks>
    /// Export rows repeat the same few thousand dates: a slot per hash of the text's eight digits (direct-mapped, 16
    /// bytes: the digits as ASCII bytes and the start's ticks), compared whole, answers a date cell without parsing it or
    /// converting its day to an instant, where parsing each one and looking its day up was ~8 % of a canonical parse.
    /// </remarks>
    private bool TryRemembered(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        if (_remembered is not null && Key(text) is var key and not 0)
        {
            ref readonly var slot = ref _remembered[Slot(key)];
            if (slot.Key == key)
            {
                instant = new DateTimeOffset(slot.UtcTicks, TimeSpan.Zero);
                return true;
            }
        }

        instant = default;
        return false;
    }

    private void Remember(ReadOnlySpan<char> text, DateTimeOffset start)
    {
        _remembered ??= new RememberedDate[RememberedDates];
        var key = Key(text);
        _remembered[Slot(key)] = new RememberedDate(key, start.UtcTicks);
    }

    /// <summary>
    /// The eight digits of a 10-character <c>????-??-??</c> text as ASCII bytes in one word, or 0 when it is not that
    /// shape in ASCII (a date read before is never 0: its digits are not 0 bytes). Different texts of that shape give
    /// different words.
    /// </summary>
    private static ulong Key(ReadOnlySpan<char> text)
    {
        var bytes = MemoryMarshal.AsBytes(text);
        var head = MemoryMarshal.Read<ulong>(bytes);
        var middle = MemoryMarshal.Read<ulong>(bytes[8..]);
        var tail = MemoryMarshal.Read<uint>(bytes[16..]);
        if (((head | middle) & 0xFF00_FF00_FF00_FF00UL) != 0 || (tail & 0xFF00_FF00U) != 0
            || (middle & 0xFFFF) != '-' || (middle >> 48) != '-')
        {
            return 0;
        }

        return (head & 0xFF) | ((head >> 8) & 0xFF00) | ((head >> 16) & 0xFF_0000) | ((head >> 24) & 0xFF00_0000)
            | (((middle >> 16) & 0xFF) << 32) | (((middle >> 32) & 0xFF) << 40)
            | ((ulong)(tail & 0xFF) << 48) | ((ulong)((tail >> 16) & 0xFF) << 56);
    }

    /// <summary>The slot of the date memory a <c>yyyy-MM-dd</c> text goes in.</summary>
    internal static int MemorySlot(ReadOnlySpan<char> text) => Slot(Key(text));

    /// <summary>The start of a day of a vendor form (<see cref="VendorDateText"/>), remembered by day number.</summary>
    private DateTimeOffset StartOf(DateOnly date)
    {
        _days ??= new (int, DateTimeOffset)[RememberedDates];
        ref var slot = ref _days[date.DayNumber & (RememberedDates - 1)];
        if (slot.Day != date.DayNumber + 1)
        {
            slot = (date.DayNumber + 1, BillingMonth.StartOfDay(date, businessTimeZone));
        }

        return slot.Start;
    }

    private static int Slot(ulong key) => (int)(unchecked(key * 0x9E37_79B9_7F4A_7C15UL) >> 52);

    /// <summary>A remembered date: its digits (<see cref="Key"/>) and the UTC ticks of its day's start.</summary>
    private readonly record struct RememberedDate(ulong Key, long UtcTicks);
}
