using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads the <c>interval</c> and <c>interval_count</c> columns into a billing interval.</summary>
/// <remarks>A count without a unit is an error rather than a guess; a unit without a count means a count of 1.</remarks>
internal sealed class BillingIntervalColumns(CsvHeader header)
{
    private const int MaxCount = 1000;

    private readonly CsvColumn _count = header.Column(CanonicalColumns.IntervalCount);

    /// <summary>The interval column, where problems with a missing or uninferable interval are reported.</summary>
    public CsvColumn Unit { get; } = header.Column(CanonicalColumns.Interval);

    /// <returns>False when a value is invalid (reported on the record); otherwise the interval, or null when none is given.</returns>
    public bool TryRead(CsvRecord record, out BillingInterval? interval)
    {
        interval = null;
        var countIsValid = TryReadCount(record, out var count);
        var unitText = record.Span(Unit);
        if (unitText.IsEmpty)
        {
            if (count is not null)
            {
                record.Fail(_count, string.Concat("interval_count is set but interval is empty: fill in the interval (",
                    CanonicalVocabulary.Intervals, ")."));
                return false;
            }

            return countIsValid;
        }

        if (!CanonicalVocabulary.TryParseInterval(unitText, out var unit, out var multiplier))
        {
            record.Fail(Unit, string.Concat("'", record.Written(Unit), "' is not a billing interval: expected ",
                CanonicalVocabulary.Intervals, "."));
            return false;
        }

        if (countIsValid)
        {
            interval = new BillingInterval(unit, (count ?? 1) * multiplier);
        }

        return countIsValid;
    }

    private bool TryReadCount(CsvRecord record, out int? count)
    {
        count = null;
        var text = record.Span(_count);
        if (text.IsEmpty)
        {
            return true;
        }

        if (AsciiDigits.TryParse(text, out var value) && value is >= 1 and <= MaxCount)
        {
            count = value;
            return true;
        }

        record.Fail(_count, string.Concat("'", record.Written(_count),
            "' is not an interval count: expected a whole number from 1 to 1000 (3 with month means every quarter)."));
        return false;
    }
}
