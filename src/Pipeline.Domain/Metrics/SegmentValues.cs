using System.Runtime.InteropServices;

namespace Pipeline.Domain.Metrics;

/// <summary>The segments of one text-valued dimension: each value gets a dense id and its own <see cref="SegmentTally"/>.</summary>
/// <remarks>
/// Ids let the line-level dimensions map an engine part number straight to its segment (an array lookup, no string
/// hashing per customer); values seen only in an opening snapshot are added on first sight. A missing value is
/// <see cref="SegmentDimensions.None"/>, found without hashing.
/// </remarks>
internal sealed class SegmentValues(string dimension)
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<SegmentTally> _tallies = [];
    private int _noneId = -1;

    public SegmentTally this[int id] => _tallies[id];

    public int IdOf(string? value)
    {
        if (value is null)
        {
            return _noneId >= 0 ? _noneId : _noneId = IdOf(SegmentDimensions.None);
        }

        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, value, out var exists);
        if (!exists)
        {
            id = _tallies.Count;
            _tallies.Add(new SegmentTally(dimension, value));
        }

        return id;
    }

    /// <summary>Adds every segment of <paramref name="other"/> (the same dimension, another slice of the month) to this one.</summary>
    public void Absorb(SegmentValues other)
    {
        foreach (var tally in other._tallies)
        {
            this[IdOf(tally.Value)].Absorb(tally);
        }
    }

    /// <summary>The segments that anyone contributed to, ordered by value (ordinal).</summary>
    public IEnumerable<SegmentTally> Used() =>
        _tallies.Where(tally => !tally.IsEmpty).OrderBy(tally => tally.Value, StringComparer.Ordinal);
}
