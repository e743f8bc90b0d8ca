using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>The revenue lines a row reader has made that the parser has not handed on yet.</summary>
/// <remarks>
/// The parser takes them a chunk at a time (<see cref="Take"/>) while the file is read, so no list of a whole file's
/// lines ever exists: each chunk goes to the caller (for the ledger, one Parquet row group) and dies young. Readers
/// only append, and no line depends on a later row, so a chunk is final when it is taken. After a full chunk the
/// next list starts at the chunk size, so a long file does not grow (and copy) a list per chunk.
/// </remarks>
internal sealed class PendingLines
{
    private List<RevenueLine> _lines = [];
    private int _nextCapacity;

    public int Count => _lines.Count;

    public void Add(RevenueLine line) => _lines.Add(line);

    public void AddRange(IEnumerable<RevenueLine> lines) => _lines.AddRange(lines);

    /// <summary>Hands over every pending line and starts a new list.</summary>
    public List<RevenueLine> Take()
    {
        var taken = _lines;
        _nextCapacity = Math.Max(_nextCapacity, taken.Count);
        _lines = new List<RevenueLine>(_nextCapacity);
        return taken;
    }
}
