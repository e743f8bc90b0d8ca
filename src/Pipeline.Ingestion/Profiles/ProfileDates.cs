using System.Globalization;
using Pipeline.Domain;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Dates in a profile's exact format (invariant culture), as wall-clock times in the business time zone.</summary>
internal static class ProfileDates
{
    private static readonly DateTime Probe = new(2025, 11, 28, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>True when <paramref name="format"/> writes a date that reads back as the same day (so it has day, month and year).</summary>
    public static bool IsUsableFormat(string format)
    {
        if (string.IsNullOrWhiteSpace(format) || format.Length > 64)
        {
            return false;
        }

        try
        {
            var written = Probe.ToString(format, CultureInfo.InvariantCulture);
            return DateTime.TryParseExact(written, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var read)
                && read.Date == Probe;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>An example value, for messages: 31 January 2025 in <paramref name="format"/>.</summary>
    public static string Example(string format) =>
        new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Unspecified).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The UTC instant of a wall-clock time in <paramref name="timeZone"/>; midnight goes through <see cref="BillingMonth.StartOfDay"/>.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo timeZone)
    {
        if (local.TimeOfDay == TimeSpan.Zero)
        {
            return BillingMonth.StartOfDay(DateOnly.FromDateTime(local), timeZone);
        }

        var offset = timeZone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }
}
