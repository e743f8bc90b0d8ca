using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Reads a profile row's service period <c>[start, end)</c> and settles its billing interval.</summary>
/// <remarks>
/// An inclusive end (<c>Periode t/m 31-01-2025</c>) gets one day added. A line that is not recurring may leave the start
/// empty: it then starts on its issue date. Without an end, a recurring line covers one interval from its start and
/// any other line one day. A recurring or proration line with no interval named gets one inferred from the period
/// (a whole number of months or weeks, <see cref="BillingInterval.TryInfer"/>); when that fails the row is bad.
/// </remarks>
internal sealed class ProfileServicePeriod(ProfileDateColumn start, ProfileDateColumn end, bool endInclusive, TimeZoneInfo timeZone)
{
    /// <returns>The period, or null when it is invalid (reported on the record).</returns>
    public ServicePeriod? Read(CsvRecord record, LineType lineType, BillingInterval? interval, DateTime? issuedAt)
    {
        var recurring = lineType is LineType.Recurring or LineType.Proration;
        var startIsEmpty = record.Span(start.Column).IsEmpty;
        var endIsEmpty = record.Span(end.Column).IsEmpty;
        var from = start.Read(record) ?? (startIsEmpty && !recurring ? issuedAt : null);
        var to = end.Read(record);
        if (from is null)
        {
            if (startIsEmpty)
            {
                record.Fail(start.Column, recurring
                    ? "the service start is empty: a recurring line needs the first day of its service period."
                    : "the service start and the issue date are empty: fill in the first day of service.");
            }

            return null;
        }

        if (to is null && !endIsEmpty)
        {
            return null;
        }

        if (to is not null && endInclusive)
        {
            to = to.Value.AddDays(1);
        }

        if (to is null && recurring && interval is null)
        {
            record.Fail(end.Column, "the service end is empty and no interval keyword names the billing period: fill in the end of the period.");
            return null;
        }

        to ??= recurring ? Add(from.Value, interval!.Value) : from.Value.AddDays(1);
        if (to <= from)
        {
            record.Fail(end.Column, string.Concat("the service end ", Day(to.Value, endInclusive), " is before the service start ",
                Day(from.Value, inclusive: false), "."));
            return null;
        }

        return Settle(record, recurring, ProfileDates.ToInstant(from.Value, timeZone), ProfileDates.ToInstant(to.Value, timeZone), interval);
    }

    private ServicePeriod? Settle(CsvRecord record, bool recurring, DateTimeOffset from, DateTimeOffset to, BillingInterval? interval)
    {
        if (interval is not null || !recurring)
        {
            return new ServicePeriod(from, to, interval, IntervalInferred: false);
        }

        if (BillingInterval.TryInfer(from, to, timeZone, out var inferred))
        {
            return new ServicePeriod(from, to, inferred, IntervalInferred: true);
        }

        record.Fail(end.Column, "cannot infer the billing interval from a service period that is not a whole number of months or "
            + "weeks; add an interval keyword (such as maand or kwartaal) to the profile's intervalKeywords, or map an interval column.");
        return null;
    }

    private static DateTime Add(DateTime local, BillingInterval interval) => interval.Unit switch
    {
        IntervalUnit.Month => local.AddMonths(interval.Count),
        IntervalUnit.Year => local.AddYears(interval.Count),
        IntervalUnit.Week => local.AddDays(7 * interval.Count),
        _ => local.AddDays(interval.Count),
    };

    private static string Day(DateTime local, bool inclusive) =>
        (inclusive ? local.AddDays(-1) : local).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
