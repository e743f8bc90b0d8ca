namespace Pipeline.Domain.Metrics;

/// <summary>One customer's (S, S′, E) per value of a line-level dimension, parts with the same value added up.</summary>
/// <remarks>
/// A customer has a few parts, so values are matched by a linear search over ids in a reused buffer: nothing is
/// allocated per customer, and a customer counts once per value even when two of its parts share it.
/// </remarks>
internal sealed class LineShares
{
    private Share[] _shares = new Share[4];
    private int _count;

    public ReadOnlySpan<Share> Shares => _shares.AsSpan(0, _count);

    public void Clear() => _count = 0;

    public void Add(int valueId, decimal start, decimal restated, decimal end)
    {
        for (var index = 0; index < _count; index++)
        {
            ref var share = ref _shares[index];
            if (share.ValueId == valueId)
            {
                share = new Share(valueId, share.Start + start, share.Restated + restated, share.End + end);
                return;
            }
        }

        if (_count == _shares.Length)
        {
            Array.Resize(ref _shares, _count * 2);
        }

        _shares[_count++] = new Share(valueId, start, restated, end);
    }

    /// <summary>A customer's amounts in one segment, reporting currency.</summary>
    internal readonly record struct Share(int ValueId, decimal Start, decimal Restated, decimal End);
}
