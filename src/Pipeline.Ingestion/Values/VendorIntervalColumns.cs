using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads a vendor's interval unit and count columns (<c>month</c> + <c>3</c> = every quarter) into a billing interval.</summary>
/// <remarks>Units are the canonical words in any case (<c>Month</c>, <c>months</c>, <c>yearly</c>); an empty count means 1.</remarks>
internal sealed class VendorIntervalColumns(CsvColumn unit, CsvColumn count)
{
    private const int MaxCount = 1000;

    public CsvColumn Unit => unit;

    public CsvColumn Count => count;

    /// <returns>False when a value is invalid (reported on the record); otherwise the interval, or null when the unit is empty.</returns>
    public bool TryRead(CsvRecord record, out BillingInterval? interval)
    {
        interval = null;
        var countIsValid = TryReadCount(record, out var number);
        var text = record.Span(unit);
        if (text.IsEmpty)
        {
            return countIsValid;
        }

        if (!CanonicalVocabulary.TryParseInterval(text, out var parsed, out var multiplier))
        {
            record.Fail(unit, string.Concat("'", record.Written(unit), "' is not a billing interval: expected day, week, month or year."));
            return false;
        }

        if (countIsValid)
        {
            interval = new BillingInterval(parsed, number * multiplier);
        }

        return countIsValid;
    }

    private bool TryReadCount(CsvRecord record, out int value)
    {
        value = 1;
        var text = record.Span(count);
        if (text.IsEmpty)
        {
            return true;
        }

        if (AsciiDigits.TryParse(text, out value) && value is >= 1 and <= MaxCount)
        {
            return true;
        }

        value = 1;
        record.Fail(count, string.Concat("'", record.Written(count),
            "' is not an interval count: expected a whole number from 1 to 1000 (3 with month means every quarter)."));
        return false;
    }
}
