namespace Pipeline.Ingestion;

/// <summary>
/// A hash table of the indexes of entries kept elsewhere (customers in blocks), for a lookup that touches one slot and
/// the entry it names.
/// </summary>
/// <remarks>
/// Open addressing with linear probing; a slot holds the key's hash in its high half and the index + 1 in its low half
/// (0 is an empty slot), so a probe past a slot of another hash reads no entry. At most half full: it doubles when an
/// insert makes it more.
/// </remarks>
internal sealed class HashedIndexes
{
    private long[] _slots = new long[512];
    private int _count;

    /// <summary>The indexes stored with <paramref name="hash"/>, one by one, then the empty slot where a new one goes.</summary>
    public Probe Find(int hash) => new(this, hash);

    private void Insert(int slot, int hash, int index)
    {
        _slots[slot] = ((long)hash << 32) | (uint)(index + 1);
        if (++_count * 2 > _slots.Length)
        {
            var slots = new long[_slots.Length * 2];
            var mask = slots.Length - 1;
            foreach (var taken in _slots)
            {
                if (taken == 0)
                {
                    continue;
                }

                var next = unchecked((int)(taken >> 32)) & mask;
                while (slots[next] != 0)
                {
                    next = (next + 1) & mask;
                }

                slots[next] = taken;
            }

            _slots = slots;
        }
    }

    /// <summary>A lookup of one hash: <see cref="Next"/> gives each index stored with it; <see cref="Insert"/> stores a new one after the last.</summary>
    public ref struct Probe
    {
        private readonly HashedIndexes _table;
        private readonly int _hash;
        private int _slot;

        internal Probe(HashedIndexes table, int hash)
        {
            (_table, _hash) = (table, hash);
            _slot = hash & (table._slots.Length - 1);
        }

        /// <summary>The next index stored with the hash; false at the first empty slot (where <see cref="Insert"/> puts one).</summary>
        public bool Next(out int index)
        {
            var slots = _table._slots;
            var mask = slots.Length - 1;
            for (long taken; (taken = slots[_slot]) != 0; _slot = (_slot + 1) & mask)
            {
                if (unchecked((int)(taken >> 32)) == _hash)
                {
                    index = unchecked((int)taken) - 1;
                    _slot = (_slot + 1) & mask;
                    return true;
                }
            }

            index = -1;
            return false;
        }

        /// <summary>Stores <paramref name="index"/> with the hash, once <see cref="Next"/> has returned false.</summary>
        public readonly void Insert(int index) => _table.Insert(_slot, _hash, index);
    }
}
