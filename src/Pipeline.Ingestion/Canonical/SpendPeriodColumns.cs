using System.Globalization;
using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads the <c>month</c> and <c>date</c> columns of a spend row into the period the spend counts in.</summary>
/// <remarks>
/// Either column may be given, or both. The day is the more precise, so when both are filled the date wins and the
/// month must agree with it: a disagreement is a row error rather than a silent choice, since one of them is a typo.
/// </remarks>
internal sealed class SpendPeriodColumns(CsvHeader header)
{
    private readonly MonthColumn _month = new(header.Column(CanonicalColumns.Month));
    private readonly DateColumn _date = new(header.Column(CanonicalColumns.Date));

    /// <returns>The period, or null when it is missing or invalid (reported on the record).</returns>
    public SpendPeriod? Read(CsvRecord record)
    {
        var monthIsEmpty = record.Span(_month.Column).IsEmpty;
        var dateIsEmpty = record.Span(_date.Column).IsEmpty;
        if (monthIsEmpty && dateIsEmpty)
        {
            record.Fail(_date.Column.IsPresent ? _date.Column : _month.Column,
                "month and date are empty: every spend row needs the month (yyyy-MM) or the day (yyyy-MM-dd) it counts in.");
            return null;
        }

        var month = _month.Read(record);
        var date = _date.Read(record);
        if ((month is null && !monthIsEmpty) || (date is null && !dateIsEmpty))
        {
            return null;
        }

        return date is { } day ? FromDate(record, day, month) : new SpendPeriod(Date: null, month!.Value);
    }

    private SpendPeriod? FromDate(CsvRecord record, DateOnly date, BillingMonth? month)
    {
        var derived = BillingMonth.FromDate(date);
        if (month is { } written && written != derived)
        {
            record.Fail(_month.Column, string.Concat("month ", written.ToString(), " is not the month of date ",
                date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ": leave month empty or make it ", derived.ToString(), "."));
            return null;
        }

        return new SpendPeriod(date, derived);
    }
}
