using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads <c>service_start</c>, <c>service_end</c> and the interval, and checks them against each other.</summary>
/// <remarks>
/// The period is half-open <c>[start, end)</c>, so the end must be after the start. Only a recurring line may be
/// open-ended, and then it must say its interval. A recurring or proration line without an interval gets one
/// inferred from its period (a whole number of months or weeks); when that fails the row is bad.
/// </remarks>
internal sealed class ServicePeriodColumns(CsvHeader header, TimeZoneInfo businessTimeZone)
{
    private readonly InstantColumn _start = new(header.Column(CanonicalColumns.ServiceStart), businessTimeZone);
    private readonly InstantColumn _end = new(header.Column(CanonicalColumns.ServiceEnd), businessTimeZone);
    private readonly BillingIntervalColumns _interval = new(header);

    /// <returns>The period, or null when it is invalid (reported on the record).</returns>
    public ServicePeriod? Read(CsvRecord record, LineType lineType)
    {
        var start = _start.ReadRequired(record, "service_start is empty: every line needs the start of its service period.");
        var endIsEmpty = record.Span(_end.Column).IsEmpty;
        var end = _end.Read(record);
        var intervalIsValid = _interval.TryRead(record, out var interval);
        if (start is null || (end is null && !endIsEmpty) || !intervalIsValid)
        {
            return null;
        }

        if (end is null)
        {
            return OpenEnded(record, lineType, start.Value, interval);
        }

        if (end <= start)
        {
            record.Fail(_end.Column, string.Concat("service_end ", LocalDate(end.Value), " is not after service_start ",
                LocalDate(start.Value), ": the service period runs from service_start up to, not including, service_end."));
            return null;
        }

        if (interval is not null || lineType is not (LineType.Recurring or LineType.Proration))
        {
            return new ServicePeriod(start.Value, end, interval, IntervalInferred: false);
        }

        return Inferred(record, start.Value, end.Value);
    }

    private ServicePeriod? OpenEnded(CsvRecord record, LineType lineType, DateTimeOffset start, BillingInterval? interval)
    {
        if (lineType != LineType.Recurring)
        {
            record.Fail(_end.Column, "service_end is empty: only a recurring line (a live subscription) may be open-ended; "
                + "fill in the end of the service period.");
            return null;
        }

        if (interval is null)
        {
            record.Fail(_interval.Unit, "service_end is empty, so the line needs an interval: fill in "
                + CanonicalVocabulary.Intervals + ", or the end of the service period.");
            return null;
        }

        return new ServicePeriod(start, End: null, interval, IntervalInferred: false);
    }

    private ServicePeriod? Inferred(CsvRecord record, DateTimeOffset start, DateTimeOffset end)
    {
        if (BillingInterval.TryInfer(start, end, businessTimeZone, out var inferred))
        {
            return new ServicePeriod(start, end, inferred, IntervalInferred: true);
        }

        record.Fail(_interval.Unit, string.Concat("cannot infer the billing interval from ", LocalDate(start), "–",
            LocalDate(end), "; add an interval column (day, week, month, year)"));
        return null;
    }

    private string LocalDate(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, businessTimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
