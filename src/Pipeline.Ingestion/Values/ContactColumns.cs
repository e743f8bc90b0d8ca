using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Values;

/// <summary>Reads the contact values of a vendor's customer columns: e-mail addresses and country codes.</summary>
/// <remarks>E-mail addresses are lower-cased; countries are ISO 3166-1 alpha-2, upper-cased. Anything else is a row error.</remarks>
internal static class ContactColumns
{
    public static string? ReadEmail(CsvRecord record, CsvColumn column)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        var at = text.IndexOf('@');
        if (at > 0 && at < text.Length - 1)
        {
            return text.ToString().ToLowerInvariant();
        }

        record.Fail(column, string.Concat("'", record.Written(column), "' is not an e-mail address: expected something like name@example.com."));
        return null;
    }

    public static string? ReadCountry(CsvRecord record, CsvColumn column, StringPool pool)
    {
        var text = record.Span(column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (text.Length == 2 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]))
        {
            return pool.Get([char.ToUpperInvariant(text[0]), char.ToUpperInvariant(text[1])]);
        }

        record.Fail(column, string.Concat("'", record.Written(column), "' is not a country code: expected a two-letter ISO 3166-1 code such as NL, DE or US."));
        return null;
    }

    /// <summary>"First Last" from two name columns, or whichever is filled, or null.</summary>
    public static string? FullName(CsvRecord record, CsvColumn first, CsvColumn last)
    {
        var (given, family) = (record.Text(first), record.Text(last));
        return given is null ? family : family is null ? given : string.Concat(given, " ", family);
    }
}
