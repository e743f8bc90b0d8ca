namespace Pipeline.Domain.Metrics;

/// <summary>Turns each subscription's lines into the runs of months in which one line wins (the supersede rule).</summary>
/// <remarks>
/// Per subscription, a sweep over the months where any of its lines starts or stops counting: between two such
/// months the set of counting lines is constant, and the line with the highest precedence among them wins
/// (<see cref="LineCoverage.PrecedenceOver"/>). A max-heap with lazy removal keeps the sweep at
/// O(k log k) for k lines, even when many open-ended snapshot lines overlap. Adjacent runs with the same amount and
/// part (plan, product, currency) are merged, so a plan billed unchanged for years is one segment.
/// </remarks>
internal sealed class SubscriptionTimeline : IComparer<int>
{
    private readonly LineCoverage[] _lines;
    private readonly PriorityQueue<int, int> _counting;
    private readonly List<int> _boundaries = [];
    private readonly List<MrrSegment> _segments = [];
    private readonly int[] _firstMonths;
    private readonly int[] _byFirstMonth;

    private SubscriptionTimeline(LineCoverage[] lines, int largestSubscription)
    {
        _lines = lines;
        _counting = new PriorityQueue<int, int>(this);
        _firstMonths = new int[largestSubscription];
        _byFirstMonth = new int[largestSubscription];
    }

    /// <summary>The segments of every subscription; <paramref name="subscriptions"/> holds line numbers per subscription.</summary>
    public static List<MrrSegment> Build(LineCoverage[] lines, IndexBuckets subscriptions)
    {
        var timeline = new SubscriptionTimeline(lines, subscriptions.LargestBucket);
        for (var subscription = 0; subscription < subscriptions.Count; subscription++)
        {
            timeline.Add(subscription, subscriptions[subscription]);
        }

        return timeline._segments;
    }

    /// <summary>Orders the heap so that the line with the highest precedence comes out first.</summary>
    public int Compare(int x, int y) => _lines[y].PrecedenceOver(_lines[x]);

    private void Add(int subscription, ReadOnlySpan<int> members)
    {
        SortByFirstMonth(members);
        CollectBoundaries(members);
        _counting.Clear();
        var pending = default(MrrSegment?);
        var next = 0;
        for (var index = 0; index < _boundaries.Count - 1; index++)
        {
            var month = _boundaries[index];
            while (next < members.Length && _firstMonths[next] <= month)
            {
                _counting.Enqueue(_byFirstMonth[next], _byFirstMonth[next]);
                next++;
            }

            while (_counting.TryPeek(out var top, out _) && _lines[top].EndMonth <= month)
            {
                _counting.Dequeue();
            }

            if (_counting.TryPeek(out var winner, out _))
            {
                var line = _lines[winner];
                var run = new MrrSegment(line.Customer, subscription, line.Part, month, _boundaries[index + 1], line.Monthly);
                pending = Extend(pending, run);
            }
        }

        if (pending is { } last)
        {
            _segments.Add(last);
        }
    }

    private MrrSegment? Extend(MrrSegment? pending, MrrSegment run)
    {
        if (pending is not { } open)
        {
            return run;
        }

        if (open.ToMonth == run.FromMonth && open.Amount == run.Amount && open.Part == run.Part)
        {
            return open with { ToMonth = run.ToMonth };
        }

        _segments.Add(open);
        return run;
    }

    private void SortByFirstMonth(ReadOnlySpan<int> members)
    {
        for (var index = 0; index < members.Length; index++)
        {
            _firstMonths[index] = _lines[members[index]].FirstMonth;
            _byFirstMonth[index] = members[index];
        }

        Array.Sort(_firstMonths, _byFirstMonth, 0, members.Length);
    }

    /// <summary>Every month in which a line starts or stops counting, ascending and distinct.</summary>
    private void CollectBoundaries(ReadOnlySpan<int> members)
    {
        _boundaries.Clear();
        foreach (var member in members)
        {
            _boundaries.Add(_lines[member].FirstMonth);
            _boundaries.Add(_lines[member].EndMonth);
        }

        _boundaries.Sort();
        var distinct = 0;
        for (var index = 0; index < _boundaries.Count; index++)
        {
            if (distinct == 0 || _boundaries[index] != _boundaries[distinct - 1])
            {
                _boundaries[distinct++] = _boundaries[index];
            }
        }

        _boundaries.RemoveRange(distinct, _boundaries.Count - distinct);
    }
}
