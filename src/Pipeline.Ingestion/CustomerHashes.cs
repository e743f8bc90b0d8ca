using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Ingestion;

/// <summary>
/// The customers a parse has handed on a record of: each customer's 64-bit id hash with the 64-bit hash of the values
/// of its last record, 16 bytes, no id or value kept.
/// </summary>
/// <remarks>
/// <para>
/// Open addressing with linear probing over pairs of (id hash, values hash) side by side, so a lookup is one cache miss
/// for a customer in random row order, and a probe past others reads adjacent slots (four to a cache line), so parts
/// fill to seven eighths before they double: 16–37 bytes a customer. The table is split by the id hash's top byte into
/// 256 parts that grow one at a time: a part is 1/256 of the table, so growing never holds two whole tables at once.
/// An id hash of 0 marks an empty slot, so a real 0 is stored as 1 (one more value of 2^64 shared).
/// </para>
/// <para>
/// Two customers with the same 64-bit id hash share a pair (about one chance in 50 million for a million customers):
/// their records are then compared with each other's values hash, and since the values hash covers the id, a record of
/// one is never taken for a repeat of the other's, so the only effect is a record written again.
/// </para>
/// </remarks>
internal sealed class CustomerHashes
{
    private const int PartShift = 56;
    private const int InitialSlots = 16;

    /// <summary>Per part: the id hash of slot i at 2i and its values hash at 2i + 1.</summary>
    private readonly ulong[][] _parts = new ulong[1 << (64 - PartShift)][];
    private readonly int[] _counts = new int[1 << (64 - PartShift)];

    /// <summary>The customers stored.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes the table holds (for the parse's memory figures).</summary>
    public long Bytes => _parts.Sum(part => part?.LongLength ?? 0) * sizeof(ulong);

    /// <summary>
    /// Whether <paramref name="values"/> are not the values last stored for <paramref name="id"/> (true for a customer not
    /// stored yet): a record that should be handed on. Does not store them (see <see cref="Store"/>).
    /// </summary>
    public bool Differs(ulong id, ulong values)
    {
        var key = Key(id);
        var slots = _parts[Part(key)];
        if (slots is null)
        {
            return true;
        }

        var slot = Probe(slots, key);
        return slots[slot] != key || slots[slot + 1] != values;
    }

    /// <summary>
    /// Asks the processor to bring the slot <paramref name="id"/>'s lookup starts at into its cache, so that a lookup made a
    /// little later (once the rest of the row is read) does not wait for memory: in a file of many customers in random
    /// order, nearly every lookup is a cache miss otherwise. Only a hint: nothing is read, and an id not stored costs nothing.
    /// </summary>
    public unsafe void Prefetch(ulong id)
    {
        var key = Key(id);
        if (!Sse.IsSupported || _parts[Part(key)] is not { } slots)
        {
            return;
        }

        // The parts are pinned (New), so the address stays the slot's; a prefetch of any address never faults.
        Sse.Prefetch0(Unsafe.AsPointer(ref slots[2 * Home(slots, key)]));
    }

    /// <summary>Stores <paramref name="values"/> as the last values of customer <paramref name="id"/>; true when the customer is new.</summary>
    public bool Store(ulong id, ulong values)
    {
        var key = Key(id);
        var part = Part(key);
        var slots = _parts[part] ??= New(InitialSlots);
        var slot = Probe(slots, key);
        slots[slot + 1] = values;
        if (slots[slot] == key)
        {
            return false;
        }

        slots[slot] = key;
        Count++;
        if (++_counts[part] * 8 > (slots.Length / 2) * 7)
        {
            _parts[part] = Grown(slots);
        }

        return true;
    }

    private static ulong Key(ulong id) => id == 0 ? 1 : id;

    private static int Part(ulong key) => (int)(key >> PartShift);

    /// <summary>Where <paramref name="key"/>'s id hash is in a part (the index of its pair's first word), or the empty pair where it would go.</summary>
    private static int Probe(ulong[] slots, ulong key)
    {
        var mask = (slots.Length / 2) - 1;
        var slot = Home(slots, key);
        while (slots[2 * slot] != key && slots[2 * slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        return 2 * slot;
    }

    /// <summary>The slot a probe for <paramref name="key"/> starts at: its low bits.</summary>
    private static int Home(ulong[] slots, ulong key) => (int)(key & (ulong)((slots.Length / 2) - 1));

    /// <summary>
    /// A part of <paramref name="slots"/> slots on the pinned-object heap, which the GC counts as generation 2 from the
    /// start: the table lives as long as the parse, and parts below the large-object threshold (most, until a part has
    /// 8,192 slots) were otherwise copied from generation 0 to 1 to 2 as they grew, ~20 MiB in transit early in a 10 M-line
    /// file whose lines bring a new customer every other line.
    /// </summary>
    private static ulong[] New(int slots) => GC.AllocateArray<ulong>(2 * slots, pinned: true);

    private static ulong[] Grown(ulong[] slots)
    {
        var grown = New(slots.Length);
        for (var old = 0; old < slots.Length; old += 2)
        {
            var key = slots[old];
            if (key != 0)
            {
                var slot = Probe(grown, key);
                (grown[slot], grown[slot + 1]) = (key, slots[old + 1]);
            }
        }

        return grown;
    }
}
