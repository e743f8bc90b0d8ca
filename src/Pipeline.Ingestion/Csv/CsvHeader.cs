namespace Pipeline.Ingestion.Csv;

/// <summary>A file's header: the names as written and a lookup by normalised name.</summary>
/// <remarks>Empty header cells (trailing delimiters Excel leaves behind) are kept in place but never match.</remarks>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private readonly List<string> _duplicates = [];

    public CsvHeader(IReadOnlyList<string> written)
    {
        Written = written.Select(HeaderName.Display).ToArray();
        Normalised = written.Select(HeaderName.Normalise).ToArray();
        for (var ordinal = 0; ordinal < Normalised.Count; ordinal++)
        {
            var name = Normalised[ordinal];
            if (name.Length > 0 && !_ordinals.TryAdd(name, ordinal))
            {
                _duplicates.Add(Written[ordinal]);
            }
        }
    }

    /// <summary>The header cells as written (BOM removed, trimmed).</summary>
    public IReadOnlyList<string> Written { get; }

    public IReadOnlyList<string> Normalised { get; }

    /// <summary>Names that occur more than once, as written.</summary>
    public IReadOnlyList<string> Duplicates => _duplicates;

    public bool Has(string normalisedName) => _ordinals.ContainsKey(normalisedName);

    /// <summary>The column with this canonical (already normalised) name; absent columns report under that name.</summary>
    public CsvColumn Column(string canonicalName) =>
        _ordinals.TryGetValue(canonicalName, out var ordinal)
            ? new CsvColumn(ordinal, Written[ordinal])
            : new CsvColumn(-1, canonicalName);

    /// <summary>The non-empty columns, as written, whose normalised name <paramref name="isKnown"/> rejects.</summary>
    public IReadOnlyList<string> UnknownColumns(Func<string, bool> isKnown)
    {
        var unknown = new List<string>();
        for (var ordinal = 0; ordinal < Normalised.Count; ordinal++)
        {
            if (Normalised[ordinal].Length > 0 && !isKnown(Normalised[ordinal]))
            {
                unknown.Add(Written[ordinal]);
            }
        }

        return unknown;
    }

    /// <summary>The non-empty columns as written, joined for a message: the first <see cref="DescribedColumns"/>, each cut to 60 characters.</summary>
    /// <remarks>Bounded, so a header of thousands of columns or a pasted paragraph as a name cannot make a refusal reason huge.</remarks>
    public string Describe()
    {
        var names = Written.Where(name => name.Length > 0).ToList();
        var described = string.Join(", ", names.Take(DescribedColumns).Select(name => Values.FieldLengthLimits.Shortened(name)));
        return names.Count <= DescribedColumns
            ? described
            : string.Concat(described, " and ", (names.Count - DescribedColumns).ToString(System.Globalization.CultureInfo.InvariantCulture), " more");
    }

    /// <summary>How many columns <see cref="Describe"/> names.</summary>
    public const int DescribedColumns = 40;
}
