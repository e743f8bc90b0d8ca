namespace Pipeline.Domain.Metrics;

/// <summary>Item numbers grouped by a small integer key, each group in the items' original order.</summary>
/// <remarks>
/// A counting sort into one flat array (compressed rows): two passes, no list per group, which matters when a
/// ledger of a million lines is grouped by subscription or customer. Items with a negative key are left out.
/// </remarks>
internal sealed class IndexBuckets
{
    private readonly int[] _offsets;
    private readonly int[] _items;

    public IndexBuckets(ReadOnlySpan<int> keys, int bucketCount)
    {
        _offsets = new int[bucketCount + 1];
        foreach (var key in keys)
        {
            if (key >= 0)
            {
                _offsets[key + 1]++;
            }
        }

        for (var bucket = 0; bucket < bucketCount; bucket++)
        {
            _offsets[bucket + 1] += _offsets[bucket];
            LargestBucket = Math.Max(LargestBucket, _offsets[bucket + 1] - _offsets[bucket]);
        }

        _items = new int[_offsets[bucketCount]];
        var next = _offsets[..bucketCount];
        for (var item = 0; item < keys.Length; item++)
        {
            if (keys[item] >= 0)
            {
                _items[next[keys[item]]++] = item;
            }
        }
    }

    public int Count => _offsets.Length - 1;

    public int LargestBucket { get; }

    public ReadOnlySpan<int> this[int bucket] => _items.AsSpan(_offsets[bucket], _offsets[bucket + 1] - _offsets[bucket]);
}
