using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads a column of billing months written as <c>yyyy-MM</c>.</summary>
/// <remarks>
/// Parsed by hand from the cell, so a row allocates nothing here. Only the years a <see cref="BillingMonth"/> can
/// have (1900–9998) are accepted.
/// </remarks>
internal sealed class MonthColumn(CsvColumn column)
{
    public const string Expected = "expected a month as yyyy-MM, for example 2025-01";

    public CsvColumn Column => column;

    /// <summary>The month, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public BillingMonth? Read(CsvRecord record)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParse(text, out var month))
        {
            return month;
        }

        record.Fail(column, string.Concat("'", record.Written(column), "' is not a month: ", Expected, "."));
        return null;
    }

    private static bool TryParse(ReadOnlySpan<char> text, out BillingMonth month)
    {
        month = default;
        if (text.Length != 7 || text[4] != '-'
            || !AsciiDigits.TryParse(text[..4], out var year)
            || !AsciiDigits.TryParse(text[5..], out var number)
            || year < DateColumn.MinYear || year > DateColumn.MaxYear || number is < 1 or > 12)
        {
            return false;
        }

        month = new BillingMonth(year, number);
        return true;
    }
}
