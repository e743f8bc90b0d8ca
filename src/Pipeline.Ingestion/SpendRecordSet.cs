using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>One spend record per <see cref="SpendRecord.Key"/>, in order of first appearance; a later record replaces an earlier one.</summary>
/// <remarks>
/// Within a file the last row of a key wins, the same rule as between files, so a sheet with a corrected row
/// appended below the original reads as the correction. <see cref="Replaced"/> counts the replacements for a warning.
/// </remarks>
internal sealed class SpendRecordSet
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly List<SpendRecord> _records = [];

    public IReadOnlyList<SpendRecord> Records => _records;

    /// <summary>How many records replaced an earlier one with the same key.</summary>
    public int Replaced { get; private set; }

    public void Add(SpendRecord record)
    {
        var key = record.Key;
        if (_positions.TryGetValue(key, out var position))
        {
            _records[position] = record;
            Replaced++;
            return;
        }

        _positions.Add(key, _records.Count);
        _records.Add(record);
    }
}
