using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads an exchange-rate column: a decimal number greater than zero.</summary>
/// <remarks>
/// The decimal separator follows the <see cref="DecimalColumn"/> rules. A rate of zero or below converts nothing
/// and would break inverting a rate (1 ÷ rate), so it is a row error rather than a value.
/// </remarks>
internal sealed class RateColumn(CsvColumn column, bool decimalCommaByDefault, string expected)
{
    private readonly DecimalColumn _number = new(column, decimalCommaByDefault, expected);

    public CsvColumn Column => column;

    /// <summary>The rate, or null when the cell is empty or invalid (invalid values are reported on the record).</summary>
    public decimal? Read(CsvRecord record)
    {
        var rate = _number.Read(record);
        if (rate is not <= 0m)
        {
            return rate;
        }

        record.Fail(column, string.Concat("'", record.Written(column), "' is not a rate: a rate is greater than zero."));
        return null;
    }

    /// <summary>Like <see cref="Read"/>, but an empty cell is reported with <paramref name="emptyMessage"/>.</summary>
    public decimal? ReadRequired(CsvRecord record, string emptyMessage)
    {
        if (record.Span(column).IsEmpty)
        {
            record.Fail(column, emptyMessage);
            return null;
        }

        return Read(record);
    }
}
