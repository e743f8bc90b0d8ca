using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Chargebee;

/// <summary>A Chargebee date column: <c>yyyy-MM-dd HH:mm:ss</c> in the site time zone, or Unix epoch seconds (the API form).</summary>
/// <remarks>
/// EXPORTS.md B2.1 leaves the time zone unverified; Chargebee shows dates in the site's time zone, which we take to be
/// the tenant's business time zone. Epoch seconds are absolute and need no zone.
/// </remarks>
internal sealed class ChargebeeDateColumn(CsvColumn column, CsvLayout layout, TimeZoneInfo siteTimeZone)
{
    public const string Expected = "expected a date as yyyy-MM-dd HH:mm:ss (site time zone), yyyy-MM-dd or Unix epoch seconds";

    private const long MinEpoch = 0L;
    private const long MaxEpoch = 253_402_300_799L;

    private readonly InstantColumn _instant = new(column, siteTimeZone, layout, siteTimeZone);

    public CsvColumn Column => column;

    public bool IsEmpty(CsvRecord record) => record.Span(column).IsEmpty;

    /// <summary>The instant, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public DateTimeOffset? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (!text.ContainsAnyExceptInRange('0', '9'))
        {
            if (text.Length <= 12 && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= MinEpoch and <= MaxEpoch)
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            record.Fail(column, string.Concat("'", record.Written(column), "' is not a date: ", Expected, "."));
            return null;
        }

        return _instant.Read(record);
    }
}
