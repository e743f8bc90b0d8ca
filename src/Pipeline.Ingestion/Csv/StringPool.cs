namespace Pipeline.Ingestion.Csv;

/// <summary>Hands out one string instance per distinct value, for columns whose values repeat (ids, plans, countries).</summary>
/// <remarks>
/// Looked up by span, so a repeated value allocates nothing. Bounded: once full, new values are simply allocated,
/// so a column of unique values cannot make the pool grow with the file.
/// </remarks>
internal sealed class StringPool
{
    private const int MaxEntries = 1 << 16;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var created = value.ToString();
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(created);
        }

        return created;
    }
}
