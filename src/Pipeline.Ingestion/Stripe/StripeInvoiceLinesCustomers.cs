using System.Collections;
using Pipeline.Domain;

namespace Pipeline.Ingestion.Stripe;

/// <summary>The customers of an invoice-lines file: found once per line, and their customer records, kept compact.</summary>
/// <remarks>
/// <para>
/// This is the one part of an invoice-lines parse that grows with the file (with its customers; the lines go to the
/// ledger as they are read), so a customer is kept as text and numbers only: its id and last e-mail address as ranges
/// of shared character blocks, a hash, and the row of its record, ~150 bytes, with no string or record object per
/// customer. <see cref="Records"/> makes the <see cref="CustomerRecord"/>s only when they are read (the ledger writes
/// them in row groups), in the order they were first recorded.
/// </para>
/// <para>
/// Lines come in random customer order, so the lookup is a cache miss per line unless what it compares is compact:
/// an open-addressing table and arrays of struct entries, compared against the shared blocks. The lines of one invoice
/// are adjacent, so the previous line's customer is tried first, and its id string is reused. A customer record is
/// added only when a line is kept and its e-mail is new for the customer; a later different e-mail replaces the
/// recorded one and its row (as <see cref="CustomerRecordSet"/> would).
/// </para>
/// </remarks>
internal sealed class StripeInvoiceLinesCustomers
{
    /// <summary>Text and entries grow in blocks below the large-object threshold, so growing copies nothing and never starts a full GC.</summary>
    private const int TextBlockChars = 16 * 1024;
    private const int EntryBlockShift = 10;
    private const int EntryBlockMask = (1 << EntryBlockShift) - 1;

    private readonly List<CustomerEntry[]> _entries = [];
    private readonly List<int> _recorded = [];
    private char[] _text = new char[TextBlockChars];
    private int _textLength;
    private int _count;

    /// <summary>Open addressing, linear probing: entry index + 1, or 0 for an empty slot; at most half full.</summary>
    private int[] _slots = new int[512];
    private int _last = -1;
    private string? _lastId;

    public StripeInvoiceLinesCustomers() => Records = new RecordList(this);

    /// <summary>One record per customer with an e-mail on a kept line, in the order they were first recorded; made when read.</summary>
    public IReadOnlyList<CustomerRecord> Records { get; }

    /// <summary>The customer with this (non-empty) id, created on first sight; its handle for the other methods.</summary>
    public int Get(ReadOnlySpan<char> id)
    {
        if (_last >= 0 && id.SequenceEqual(Entry(_last).Id.Span))
        {
            return _last;
        }

        var hash = string.GetHashCode(id);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (_slots[slot] != 0)
        {
            var index = _slots[slot] - 1;
            ref readonly var entry = ref Entry(index);
            if (entry.Hash == hash && id.SequenceEqual(entry.Id.Span))
            {
                return Remember(index);
            }

            slot = (slot + 1) & mask;
        }

        return Remember(Add(hash, slot, id));
    }

    /// <summary>The customer's id as a string; consecutive lines of one customer share it.</summary>
    public string Id(int customer) => customer == _last ? _lastId ??= Entry(customer).Id.Span.ToString() : Entry(customer).Id.Span.ToString();

    /// <summary>Records the customer's e-mail (lower-cased) from a kept line, unless it is empty or the one already recorded.</summary>
    public void SawEmail(int customer, ReadOnlySpan<char> email, long row)
    {
        ref var entry = ref Entry(customer);
        if (email.IsEmpty || (entry.Recorded && email.Equals(entry.Email.Span, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        Span<char> lower = email.Length <= 256 ? stackalloc char[email.Length] : new char[email.Length];
        email.ToLowerInvariant(lower);
        entry.Email = Append(lower);
        entry.Row = row;
        if (!entry.Recorded)
        {
            entry.Recorded = true;
            _recorded.Add(customer);
        }
    }

    private int Remember(int customer)
    {
        if (customer != _last)
        {
            (_last, _lastId) = (customer, null);
        }

        return customer;
    }

    private int Add(int hash, int slot, ReadOnlySpan<char> id)
    {
        if ((_count & EntryBlockMask) == 0)
        {
            _entries.Add(new CustomerEntry[1 << EntryBlockShift]);
        }

        var index = _count++;
        ref var entry = ref Entry(index);
        entry.Hash = hash;
        entry.Id = Append(id);
        _slots[slot] = index + 1;
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }

        return index;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var index = 0; index < _count; index++)
        {
            var slot = Entry(index).Hash & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = index + 1;
        }

        _slots = slots;
    }

    private ref CustomerEntry Entry(int index) => ref _entries[index >> EntryBlockShift][index & EntryBlockMask];

    /// <summary>Copies <paramref name="value"/> after the text before it; a value longer than a block gets its own array.</summary>
    private TextRange Append(ReadOnlySpan<char> value)
    {
        if (value.Length > TextBlockChars)
        {
            return new TextRange(value.ToArray(), 0, value.Length);
        }

        if (_textLength + value.Length > _text.Length)
        {
            (_text, _textLength) = (new char[TextBlockChars], 0);
        }

        value.CopyTo(_text.AsSpan(_textLength));
        var range = new TextRange(_text, _textLength, value.Length);
        _textLength += value.Length;
        return range;
    }

    private readonly record struct TextRange(char[]? Block, int Start, int Length)
    {
        public ReadOnlySpan<char> Span => Block.AsSpan(Start, Length);
    }

    /// <summary>One customer: where its id and recorded e-mail are in the shared blocks, and the row of its record.</summary>
    private struct CustomerEntry
    {
        public int Hash;
        public TextRange Id;
        public TextRange Email;
        public long Row;

        /// <summary>Whether the customer has a record (a kept line with an e-mail).</summary>
        public bool Recorded;
    }

    /// <summary>The customer records, each made when it is read.</summary>
    private sealed class RecordList(StripeInvoiceLinesCustomers customers) : IReadOnlyList<CustomerRecord>
    {
        public int Count => customers._recorded.Count;

        public CustomerRecord this[int index]
        {
            get
            {
                ref readonly var entry = ref customers.Entry(customers._recorded[index]);
                return new CustomerRecord { CustomerId = entry.Id.Span.ToString(), Email = entry.Email.Span.ToString(), RowNumber = entry.Row };
            }
        }

        public IEnumerator<CustomerRecord> GetEnumerator()
        {
            for (var index = 0; index < Count; index++)
            {
                yield return this[index];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
