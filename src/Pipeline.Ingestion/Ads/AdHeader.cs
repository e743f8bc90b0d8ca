using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Ads;

/// <summary>Finds the columns of an ad platform's export, whose names come in several UI languages.</summary>
internal static class AdHeader
{
    /// <summary>The first of <paramref name="names"/> (normalised) that the header has; absent columns report under the first name.</summary>
    public static CsvColumn Column(CsvHeader header, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (header.Has(name))
            {
                return header.Column(name);
            }
        }

        return header.Column(names[0]);
    }

    public static bool HasAny(CsvHeader header, IReadOnlyList<string> names) => names.Any(header.Has);

    /// <summary>The first column whose normalised name starts with <paramref name="prefix"/> (Meta's <c>Amount spent (EUR)</c>).</summary>
    public static CsvColumn ColumnStartingWith(CsvHeader header, string prefix)
    {
        for (var ordinal = 0; ordinal < header.Normalised.Count; ordinal++)
        {
            if (header.Normalised[ordinal].StartsWith(prefix, StringComparison.Ordinal))
            {
                return new CsvColumn(ordinal, header.Written[ordinal]);
            }
        }

        return new CsvColumn(-1, prefix);
    }

    /// <summary>How a missing column with synonyms is named in the refusal: <c>Day (or Date, Dag)</c>.</summary>
    public static string Describe(string display, IReadOnlyList<string> synonyms) =>
        synonyms.Count == 0 ? display : string.Concat(display, " (or ", string.Join(", ", synonyms), ")");
}
