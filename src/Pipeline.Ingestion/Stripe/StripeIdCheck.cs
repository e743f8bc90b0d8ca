using System.Globalization;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Stripe;

/// <summary>The value check of a Stripe fingerprint: ids start with the object's prefix (<c>sub_</c>, <c>in_</c>, …).</summary>
/// <remarks>
/// A header can match by accident (a hand-made sheet with the same names), so ids with another prefix are counted and
/// reported once, naming the first offending row; they are still read, since the header decided the format.
/// </remarks>
internal sealed class StripeIdCheck(CsvColumn column, string objectName, params string[] prefixes)
{
    private int _offending;
    private long _firstRow;
    private string? _firstValue;

    /// <summary>The id, or null when it is empty (reported on the record).</summary>
    public string? Read(CsvRecord record)
    {
        var id = record.Text(column);
        if (id is null)
        {
            record.Fail(column, string.Concat(column.Name, " is empty: every ", objectName, " row needs its Stripe id (",
                string.Join(" or ", prefixes.Select(prefix => prefix + "…")), ")."));
            return null;
        }

        if (!prefixes.Any(prefix => id.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _offending++;
            if (_offending == 1)
            {
                (_firstRow, _firstValue) = (record.Row, id);
            }
        }

        return id;
    }

    /// <summary>The warning about ids with another prefix, or null when every id had the expected one.</summary>
    public string? Warning => _offending == 0
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"{_offending} row(s) have an {column.Name} that does not start with {string.Join(" or ", prefixes)}, as Stripe {objectName} ids do (first: row {_firstRow}, '{_firstValue}'); check that this is a Stripe {objectName} export.");
}
