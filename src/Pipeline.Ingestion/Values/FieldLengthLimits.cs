using System.Globalization;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>The most characters a value may have, per kind of column, and the check every format's rows go through.</summary>
/// <remarks>
/// <para>Ids, plans, products, names, segments, channels, campaigns and countries end up as ledger values, segment labels
/// and report cells: one pasted paragraph in a plan column must not become a segment of every later report, so a value
/// over its limit is a row error (the row is skipped and reported, the rest of the file counts).</para>
/// <para>The limits, by the column's normalised name: <see cref="Description"/> for free text (a name containing
/// <c>description</c>, <c>memo</c> or <c>note</c>, or a column a mapping profile maps to <c>description</c>),
/// <see cref="Email"/> for e-mail addresses, <see cref="Label"/> for everything else a format reads. Columns a format
/// does not read are never checked.</para>
/// </remarks>
internal static class FieldLengthLimits
{
    /// <summary>Ids, labels, names, codes, numbers and dates.</summary>
    public const int Label = 500;

    /// <summary>E-mail addresses (RFC 5321 allows 254; some exports pad or list several).</summary>
    public const int Email = 320;

    /// <summary>Free text that is only searched (invoice-line descriptions, notes).</summary>
    public const int Description = 4_000;

    /// <summary>Characters of an over-long value quoted in a message or kept in the report.</summary>
    private const int Quoted = 60;

    /// <summary>The limit of a column by its normalised name.</summary>
    public static int For(string normalisedName) =>
        normalisedName.Contains("description", StringComparison.Ordinal) || normalisedName.Contains("memo", StringComparison.Ordinal)
            || normalisedName.Contains("note", StringComparison.Ordinal)
            ? Description
            : normalisedName.Contains("email", StringComparison.Ordinal) || normalisedName.Contains("e-mail", StringComparison.Ordinal)
                ? Email
                : Label;

    /// <summary>The error for <paramref name="value"/> in <paramref name="column"/>, longer than <paramref name="limit"/> characters.</summary>
    public static RowError TooLong(long row, string column, ReadOnlySpan<char> value, int limit) =>
        new(row, column, Shortened(value), string.Create(CultureInfo.InvariantCulture,
            $"'{Shortened(value)}' is {value.Length:N0} characters long: a value of {column} may be at most {limit:N0} characters (an id, a label or a name, not a paragraph). Shorten it, or keep long text in a column the format does not read."));

    /// <summary>The first characters of a long value, marked as cut with an ellipsis.</summary>
    public static string Shortened(ReadOnlySpan<char> value) =>
        value.Length <= Quoted ? value.ToString() : string.Concat(value[..Quoted], "…");

    /// <summary>Records an error for every checked column of the current row whose value is over its limit.</summary>
    /// <returns>True when every checked value fits.</returns>
    public static bool Check(CsvRecord record, IReadOnlyList<(CsvColumn Column, int Limit)> checkedColumns, List<RowError> errors)
    {
        var fits = true;
        foreach (var (column, limit) in checkedColumns)
        {
            var value = record.Span(column);
            if (value.Length > limit)
            {
                errors.Add(TooLong(record.Row, column.Name, value, limit));
                fits = false;
            }
        }

        return fits;
    }
}
