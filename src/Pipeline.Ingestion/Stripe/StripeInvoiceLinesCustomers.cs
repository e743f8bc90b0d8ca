using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using Pipeline.Domain;

namespace Pipeline.Ingestion.Stripe;

/// <summary>The customers of an invoice-lines file: found once per line, and their customer records, kept compact.</summary>
/// <remarks>
/// <para>
/// This is the one part of an invoice-lines parse that grows with the file (with its customers; the lines go to the
/// ledger as they are read), so a customer is kept as text and numbers only: its id (in its entry when it is short
/// ASCII, as Stripe's are), its last e-mail address as a range of shared character blocks, and the row of its record,
/// ~150 bytes with its slot, with no string or record object per customer. <see cref="Records"/> makes the
/// <see cref="CustomerRecord"/>s only when they are read (the ledger writes them in row groups), in the order they were
/// first recorded.
/// </para>
/// <para>
/// Lines come in random customer order, so each lookup is a cache miss per memory it touches: a table whose slots hold
/// the hash beside the entry's index (<see cref="HashedIndexes"/>; a probe past another customer reads no entry), and entries that
/// hold an ASCII id of up to <see cref="InlineIdBytes"/> characters (Stripe's <c>cus_…</c> ids) inline, so a hit reads
/// a slot and an entry and no text block; longer or non-ASCII ids are kept in the shared blocks. The lines of one
/// invoice are adjacent, so the previous line's customer is tried first, and its id string is reused. A customer record
/// is added only when a line is kept and its e-mail is new for the customer; a later different e-mail replaces the
/// recorded one and its row (as <see cref="CustomerRecordSet"/> would).
/// </para>
/// </remarks>
internal sealed class StripeInvoiceLinesCustomers
{
    /// <summary>
    /// Text and entries grow in blocks (growing copies nothing) on the large-object heap (128 KiB of text, 4,096 entries of
    /// ~72 bytes), which the GC counts as generation 2 from the start: the customers live as long as the parse, and as
    /// small-object blocks each was copied from generation 0 to 1 to 2, the generation 1 holding up to ~120 MiB of them
    /// in transit at 10 million lines (a peak working set ~100 MiB higher). A block every ~4,000 customers adds a few
    /// full collections to a parse of 800,000 customers.
    /// </summary>
    private const int TextBlockChars = 64 * 1024;
    private const int EntryBlockShift = 12;
    private const int EntryBlockMask = (1 << EntryBlockShift) - 1;

    /// <summary>The longest id an entry holds itself (as ASCII bytes); Stripe's customer ids have 18 characters.</summary>
    private const int InlineIdBytes = 24;

    private readonly List<CustomerEntry[]> _entries = [];
    private readonly List<int> _recorded = [];
    private char[] _text = new char[TextBlockChars];
    private int _textLength;
    private int _count;

    private readonly HashedIndexes _indexes = new();
    private int _last = -1;
    private string? _lastId;

    public StripeInvoiceLinesCustomers() => Records = new RecordList(this);

    /// <summary>One record per customer with an e-mail on a kept line, in the order they were first recorded; made when read.</summary>
    public IReadOnlyList<CustomerRecord> Records { get; }

    /// <summary>The customer with this (non-empty) id, created on first sight; its handle for the other methods.</summary>
    public int Get(ReadOnlySpan<char> id)
    {
        if (_last >= 0 && Is(in Entry(_last), id))
        {
            return _last;
        }

        var probe = _indexes.Find(string.GetHashCode(id));
        while (probe.Next(out var index))
        {
            if (Is(in Entry(index), id))
            {
                return Remember(index);
            }
        }

        var added = Add(id);
        probe.Insert(added);
        return Remember(added);
    }

    /// <summary>The customer's id as a string; consecutive lines of one customer share it.</summary>
    public string Id(int customer) => customer == _last ? _lastId ??= IdOf(in Entry(customer)) : IdOf(in Entry(customer));

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

    private int Add(ReadOnlySpan<char> id)
    {
        if ((_count & EntryBlockMask) == 0)
        {
            _entries.Add(new CustomerEntry[1 << EntryBlockShift]);
        }

        var index = _count++;
        ref var entry = ref Entry(index);
        if (id.Length <= InlineIdBytes && Ascii.IsValid(id))
        {
            Ascii.FromUtf16(id, entry.InlineId, out _);
            entry.InlineLength = id.Length;
        }
        else
        {
            entry.Id = Append(id);
            entry.InlineLength = -1;
        }

        return index;
    }

    /// <summary>Whether the entry is the customer with this id.</summary>
    private static bool Is(in CustomerEntry entry, ReadOnlySpan<char> id) =>
        entry.InlineLength >= 0
            ? entry.InlineLength == id.Length && Ascii.Equals(((ReadOnlySpan<byte>)entry.InlineId)[..entry.InlineLength], id)
            : id.SequenceEqual(entry.Id.Span);

    private static string IdOf(in CustomerEntry entry) =>
        entry.InlineLength >= 0 ? Encoding.ASCII.GetString(((ReadOnlySpan<byte>)entry.InlineId)[..entry.InlineLength]) : entry.Id.Span.ToString();

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

    /// <summary>A short ASCII id, held in the entry itself.</summary>
    [InlineArray(InlineIdBytes)]
    private struct InlineIdBytesArray
    {
        private byte _first;
    }

    /// <summary>One customer: its id (in the entry, or where it is in the shared blocks), its recorded e-mail and the row of its record.</summary>
    private struct CustomerEntry
    {
        /// <summary>The id's length when it is in <see cref="InlineId"/>; -1 when it is in <see cref="Id"/>.</summary>
        public int InlineLength;
        public InlineIdBytesArray InlineId;
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
                return new CustomerRecord { CustomerId = IdOf(in entry), Email = entry.Email.Span.ToString(), RowNumber = entry.Row };
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
