using System.Collections;
using System.Runtime.InteropServices;
using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>One customer record per customer id, in order of first appearance; later records update earlier ones.</summary>
/// <remarks>
/// <para>
/// This is the part of a parse that grows with the file (with its customers; the lines go to the ledger as they are
/// read), so a customer is kept as text and numbers, not as objects: its id and its record's values are ranges of
/// shared character blocks, and <see cref="Records"/> makes the <see cref="CustomerRecord"/>s only when they are read
/// (the ledger writes them in row groups). A record's values are one range: a character whose bits say which fields
/// are set, then each set field's length (two characters) and text, and a creation date as its ticks and offset. A
/// later record for the customer writes the merged values again (null keeps the old value) and the record points at
/// them.
/// </para>
/// <para>
/// The blocks are on the large-object heap (8,192 entries, 64 Ki characters), which the GC counts as generation 2 from
/// the start: the customers live as long as the parse, and objects per customer were copied from generation 0 to 1 to
/// 2 as they came, ~230 bytes each, with a dictionary beside them.
/// </para>
/// <para>
/// <see cref="Id"/> hands out the customer's id string and its record so far in a single lookup by span, so a reader
/// that compares each row with the record it has does not look the customer up twice. Rows come in random customer
/// order, so each lookup is a cache miss or two (<see cref="HashedIndexes"/>, whose slots hold the hash beside the
/// customer's index); the lines of one invoice are adjacent, so the previous row's customer is tried first, and its id
/// string is reused.
/// </para>
/// </remarks>
internal sealed class CustomerRecordSet
{
    /// <summary>What <see cref="Id"/> gives for a customer that has been seen but has no record yet.</summary>
    public const int NoRecord = -1;

    private const int TextBlockChars = 64 * 1024;

    /// <summary>A value longer than this gets a block of its own instead of starting a new shared one.</summary>
    private const int OwnBlockChars = TextBlockChars / 8;

    /// <summary>Blocks of 8,192 entries: 128 KiB of customers (16 bytes each) and more of records, both past the large-object threshold.</summary>
    private const int EntryBlockShift = 13;
    private const int EntryBlockMask = (1 << EntryBlockShift) - 1;

    /// <summary>The string fields (<see cref="Field"/>); the bit after theirs says whether a creation date follows them.</summary>
    private const int FieldCount = 7;
    private const int CreatedAtBit = 1 << FieldCount;

    private readonly List<char[]> _blocks = [];
    private readonly List<Customer[]> _customers = [];
    private readonly List<Entry[]> _records = [];
    private int _current = -1;
    private int _currentLength;
    private int _customerCount;
    private int _recordCount;

    private readonly HashedIndexes _indexes = new();
    private int _last = -1;
    private string? _lastId;

    public CustomerRecordSet() => Records = new RecordList(this);

    /// <summary>The string fields of a record, in the order of their bits in a record's first character.</summary>
    public enum Field
    {
        Name,
        Email,
        Country,
        Segment,
        Channel,
        Campaign,
        ReferredBy,
    }

    /// <summary>One record per customer that has one, in order of first record; each made when it is read.</summary>
    public IReadOnlyList<CustomerRecord> Records { get; }

    /// <summary>
    /// The customer's id as a string (consecutive rows of one customer share it), and in <paramref name="known"/> its
    /// record so far (for <see cref="Value"/>), or <see cref="NoRecord"/>.
    /// </summary>
    public string Id(ReadOnlySpan<char> customerId, out int known)
    {
        if (_last < 0 || !customerId.SequenceEqual(Text(CustomerAt(_last).Id)))
        {
            (_last, _lastId) = (Find(customerId), null);
        }

        known = CustomerAt(_last).Record;
        return _lastId ??= customerId.ToString();
    }

    /// <summary>A string field of record <paramref name="record"/>; <paramref name="present"/> is false when it is null.</summary>
    public ReadOnlySpan<char> Value(int record, Field field, out bool present)
    {
        var values = Text(RecordAt(record).Values);
        present = (values[0] & (1 << (int)field)) != 0;
        if (!present)
        {
            return default;
        }

        var at = After(values, (int)field);
        return values.Slice(at + 2, Length(values, at));
    }

    public void Add(CustomerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var index = Find(record.CustomerId);
        ref var customer = ref CustomerAt(index);
        if (customer.Record == NoRecord)
        {
            if ((_recordCount & EntryBlockMask) == 0)
            {
                _records.Add(new Entry[1 << EntryBlockShift]);
            }

            customer.Record = _recordCount++;
            RecordAt(customer.Record) = new Entry(index, Write(record, earlier: NoRecord), record.RowNumber);
            return;
        }

        ref var entry = ref RecordAt(customer.Record);
        entry = entry with { Values = Write(record, customer.Record), Row = record.RowNumber };
    }

    /// <summary>The customer's index, added (without a record) on first sight.</summary>
    private int Find(ReadOnlySpan<char> id)
    {
        var probe = _indexes.Find(string.GetHashCode(id));
        while (probe.Next(out var index))
        {
            if (id.SequenceEqual(Text(CustomerAt(index).Id)))
            {
                return index;
            }
        }

        if ((_customerCount & EntryBlockMask) == 0)
        {
            _customers.Add(new Customer[1 << EntryBlockShift]);
        }

        var added = _customerCount++;
        CustomerAt(added) = new Customer(Append(id), NoRecord);
        probe.Insert(added);
        return added;
    }

    /// <summary>Writes the record's values, each null one taken from record <paramref name="earlier"/> (when there is one).</summary>
    private TextRange Write(CustomerRecord record, int earlier)
    {
        Span<int> lengths = stackalloc int[FieldCount];
        var mask = 0;
        var total = 1;
        for (var field = 0; field < lengths.Length; field++)
        {
            var value = Merged(record, (Field)field, earlier, out var present);
            if (present)
            {
                mask |= 1 << field;
                lengths[field] = value.Length;
                total += 2 + value.Length;
            }
        }

        var createdAt = record.CreatedAt ?? (earlier == NoRecord ? null : CreatedAt(earlier));
        if (createdAt is not null)
        {
            mask |= CreatedAtBit;
            total += 5;
        }

        var range = Reserve(total);
        var target = _blocks[range.Block].AsSpan(range.Start, range.Length);
        target[0] = (char)mask;
        var at = 1;
        for (var field = 0; field < lengths.Length; field++)
        {
            if ((mask & (1 << field)) == 0)
            {
                continue;
            }

            // The first pass's spans cannot be kept, so each value is found again (the blocks it is in stay where they are).
            var value = Merged(record, (Field)field, earlier, out _);
            target[at] = unchecked((char)(lengths[field] >> 16));
            target[at + 1] = unchecked((char)lengths[field]);
            value.CopyTo(target[(at + 2)..]);
            at += 2 + lengths[field];
        }

        if (createdAt is { } instant)
        {
            var ticks = instant.Ticks;
            target[at] = unchecked((char)(ticks >> 48));
            target[at + 1] = unchecked((char)(ticks >> 32));
            target[at + 2] = unchecked((char)(ticks >> 16));
            target[at + 3] = unchecked((char)ticks);
            target[at + 4] = unchecked((char)(short)instant.TotalOffsetMinutes);
        }

        return range;
    }

    private ReadOnlySpan<char> Merged(CustomerRecord record, Field field, int earlier, out bool present)
    {
        var value = field switch
        {
            Field.Name => record.Name,
            Field.Email => record.Email,
            Field.Country => record.Country,
            Field.Segment => record.Segment,
            Field.Channel => record.Channel,
            Field.Campaign => record.Campaign,
            _ => record.ReferredBy,
        };
        if (value is not null)
        {
            present = true;
            return value;
        }

        if (earlier == NoRecord)
        {
            present = false;
            return default;
        }

        return Value(earlier, field, out present);
    }

    private DateTimeOffset? CreatedAt(int record)
    {
        var values = Text(RecordAt(record).Values);
        if ((values[0] & CreatedAtBit) == 0)
        {
            return null;
        }

        var at = After(values, FieldCount);
        var ticks = ((long)values[at] << 48) | ((long)values[at + 1] << 32) | ((long)values[at + 2] << 16) | values[at + 3];
        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(unchecked((short)values[at + 4])));
    }

    private CustomerRecord Materialise(int record)
    {
        ref readonly var entry = ref RecordAt(record);
        string? Read(Field field) => Value(record, field, out var present) is var value && present ? value.ToString() : null;
        return new CustomerRecord
        {
            CustomerId = Text(CustomerAt(entry.Customer).Id).ToString(),
            Name = Read(Field.Name),
            Email = Read(Field.Email),
            Country = Read(Field.Country),
            Segment = Read(Field.Segment),
            Channel = Read(Field.Channel),
            Campaign = Read(Field.Campaign),
            CreatedAt = CreatedAt(record),
            ReferredBy = Read(Field.ReferredBy),
            RowNumber = entry.Row,
        };
    }

    private static int Length(ReadOnlySpan<char> values, int at) => (values[at] << 16) | values[at + 1];

    /// <summary>Where a record's values continue after its first <paramref name="fields"/> string fields (the set ones among them).</summary>
    private static int After(ReadOnlySpan<char> values, int fields)
    {
        var at = 1;
        for (var field = 0; field < fields; field++)
        {
            if ((values[0] & (1 << field)) != 0)
            {
                at += 2 + Length(values, at);
            }
        }

        return at;
    }

    private TextRange Append(ReadOnlySpan<char> value)
    {
        var range = Reserve(value.Length);
        value.CopyTo(_blocks[range.Block].AsSpan(range.Start));
        return range;
    }

    /// <summary>Room for <paramref name="length"/> characters: after the text before it, in a new shared block, or in a block of its own.</summary>
    private TextRange Reserve(int length)
    {
        if (length > OwnBlockChars)
        {
            _blocks.Add(new char[length]);
            return new TextRange(_blocks.Count - 1, 0, length);
        }

        if (_current < 0 || _currentLength + length > TextBlockChars)
        {
            _blocks.Add(new char[TextBlockChars]);
            (_current, _currentLength) = (_blocks.Count - 1, 0);
        }

        var range = new TextRange(_current, _currentLength, length);
        _currentLength += length;
        return range;
    }

    private ReadOnlySpan<char> Text(TextRange range) => _blocks[range.Block].AsSpan(range.Start, range.Length);

    private ref Customer CustomerAt(int index) => ref _customers[index >> EntryBlockShift][index & EntryBlockMask];

    private ref Entry RecordAt(int index) => ref _records[index >> EntryBlockShift][index & EntryBlockMask];

    private readonly record struct TextRange(int Block, int Start, int Length);

    /// <summary>A customer seen: its id, and its record's index or <see cref="NoRecord"/>.</summary>
    [StructLayout(LayoutKind.Auto)]
    private record struct Customer(TextRange Id, int Record);

    /// <summary>A customer's record: the customer's index, its values and the row of its last record.</summary>
    [StructLayout(LayoutKind.Auto)]
    private record struct Entry(int Customer, TextRange Values, long Row);

    /// <summary>The customer records, each made when it is read.</summary>
    private sealed class RecordList(CustomerRecordSet set) : IReadOnlyList<CustomerRecord>
    {
        public int Count => set._recordCount;

        public CustomerRecord this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
                return set.Materialise(index);
            }
        }

        public IEnumerator<CustomerRecord> GetEnumerator()
        {
            for (var index = 0; index < Count; index++)
            {
                yield return set.Materialise(index);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
