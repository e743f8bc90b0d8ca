namespace Pipeline.Storage;

/// <summary>Gives one shared string per distinct character sequence, looked up without allocating.</summary>
/// <remarks>Ledger columns repeat a few values (customer, plan, enum names) across a million rows.</remarks>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var created = value.ToString();
        _strings.Add(created, created);
        return created;
    }
}
