namespace Pipeline.Domain.Metrics;

/// <summary>Finds the segments that count in a month without scanning all of them.</summary>
/// <remarks>
/// The months where any segment starts or ends cut the timeline into spans in which the set of counting segments
/// is constant. Each span lists its segments once (compressed rows), so a month query is a binary search plus a
/// walk over exactly the segments that count — the cost of a month is the size of its answer. A segment appears
/// in every span it crosses; spans are few (a handful per month of history), not one per calendar month.
/// A span lists its segments in segment order, so segments given in customer order stay in customer order.
/// </remarks>
internal sealed class MonthSegmentIndex
{
    private readonly MrrSegment[] _segments;
    private readonly int[] _spanStarts;
    private readonly int[] _offsets;
    private readonly int[] _members;

    public MonthSegmentIndex(List<MrrSegment> segments)
    {
        _segments = [.. segments];
        _spanStarts = DistinctBoundaries(_segments);
        _offsets = new int[Math.Max(_spanStarts.Length, 1)];
        foreach (var segment in _segments)
        {
            for (var span = SpanOf(segment.FromMonth); span < SpanOf(segment.ToMonth); span++)
            {
                _offsets[span + 1]++;
            }
        }

        for (var span = 1; span < _offsets.Length; span++)
        {
            _offsets[span] += _offsets[span - 1];
        }

        _members = new int[_offsets[^1]];
        var next = _offsets[..^1];
        for (var index = 0; index < _segments.Length; index++)
        {
            for (var span = SpanOf(_segments[index].FromMonth); span < SpanOf(_segments[index].ToMonth); span++)
            {
                _members[next[span]++] = index;
            }
        }
    }

    public ReadOnlySpan<MrrSegment> Segments => _segments;

    /// <summary>The numbers of the segments that count in <paramref name="month"/>.</summary>
    public ReadOnlySpan<int> CountingIn(int month)
    {
        var found = Array.BinarySearch(_spanStarts, month);
        var span = found >= 0 ? found : ~found - 1;
        if (span < 0 || span >= _spanStarts.Length - 1)
        {
            return [];
        }

        return _members.AsSpan(_offsets[span], _offsets[span + 1] - _offsets[span]);
    }

    private int SpanOf(int boundary) => Array.BinarySearch(_spanStarts, boundary);

    private static int[] DistinctBoundaries(MrrSegment[] segments)
    {
        var boundaries = new HashSet<int>();
        foreach (var segment in segments)
        {
            boundaries.Add(segment.FromMonth);
            boundaries.Add(segment.ToMonth);
        }

        int[] sorted = [.. boundaries];
        Array.Sort(sorted);
        return sorted;
    }
}
