namespace Pipeline.Ingestion.Csv;

/// <summary>Hands out one string instance per distinct value, for columns whose values repeat (ids, plans, countries).</summary>
/// <remarks>
/// <para>
/// Looked up by span, so a repeated value allocates nothing. Bounded: once full, new values are simply allocated,
/// so a column of unique values cannot make the pool grow with the file.
/// </para>
/// <para>
/// For columns of few values (plans, products, countries, statuses), whose slots stay in the cache. A column with tens
/// of thousands of values in random row order (subscription ids) is better not pooled: each lookup is then a cache
/// miss or two, which cost a Stripe invoice-lines parse ~20 % of its CPU time, where a string per line is cheap and
/// dies young (lines go to the ledger in row groups as they are read). The table is open addressing over slots that
/// hold the hash beside the string, at most half full; the hash is the randomised string hash, so a file cannot be
/// crafted to make the probes long. The previous value is tried first, as adjacent rows often repeat one.
/// </para>
/// </remarks>
internal sealed class StringPool
{
    private const int MaxEntries = 1 << 16;

    private Slot[] _slots = new Slot[16];
    private int _count;
    private string? _last;

    public string Get(ReadOnlySpan<char> value)
    {
        if (_last is not null && value.SequenceEqual(_last))
        {
            return _last;
        }

        var hash = string.GetHashCode(value);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        for (; _slots[slot].Value is { } pooled; slot = (slot + 1) & mask)
        {
            if (_slots[slot].Hash == hash && value.SequenceEqual(pooled))
            {
                return _last = pooled;
            }
        }

        var created = value.ToString();
        if (_count < MaxEntries)
        {
            _slots[slot] = new Slot(hash, created);
            if (++_count * 2 > _slots.Length)
            {
                Grow();
            }
        }

        return _last = created;
    }

    private void Grow()
    {
        var slots = new Slot[_slots.Length * 2];
        var mask = slots.Length - 1;
        foreach (var entry in _slots)
        {
            if (entry.Value is null)
            {
                continue;
            }

            var slot = entry.Hash & mask;
            while (slots[slot].Value is not null)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }

        _slots = slots;
    }

    private readonly record struct Slot(int Hash, string? Value);
}
