using Pipeline.Domain;

namespace Pipeline.Ingestion.Stripe;

/// <summary>The customers of an invoice-lines file: one string per id, their subscriptions, and their customer records.</summary>
/// <remarks>
/// <para>
/// One lookup per line finds the customer's id string, the e-mail address already recorded and the strings of its
/// subscriptions (a customer has few, so they are found by a short scan rather than a file-wide pool that a file with
/// many subscriptions would outgrow). A customer record is added only when the line is kept and its e-mail is new.
/// </para>
/// <para>
/// Lines come in random customer order, so this lookup is a cache miss per line unless what it compares is compact:
/// the text of every customer's id, first two subscriptions and e-mail is copied once into shared character
/// blocks, and the table and the per-customer entries are arrays of structs. A line compares against those alone; the
/// strings the lines keep are only referenced, never read, so they may lie anywhere among the millions of lines.
/// </para>
/// </remarks>
internal sealed class StripeInvoiceLinesCustomers
{
    private const int MaxMoreSubscriptions = 32;

    /// <summary>Text and entries grow in blocks below the large-object threshold, so growing copies nothing and never starts a full GC.</summary>
    private const int TextBlockChars = 16 * 1024;
    private const int EntryBlockShift = 8;
    private const int EntryBlockMask = (1 << EntryBlockShift) - 1;

    private readonly CustomerRecordSet _records = new();
    private readonly List<CustomerEntry[]> _entries = [];
    private char[] _text = new char[TextBlockChars];
    private int _textLength;
    private int _count;

    /// <summary>Open addressing, linear probing: entry index + 1, or 0 for an empty slot; at most half full.</summary>
    private int[] _slots = new int[512];
    private int _last = -1;

    public IReadOnlyList<CustomerRecord> Records => _records.Records;

    /// <summary>The customer with this (non-empty) id, created on first sight with the line's subscription and e-mail.</summary>
    /// <remarks>The lines of one invoice are adjacent, so the previous line's customer is tried before the table.</remarks>
    /// <returns>The customer's handle for the other methods.</returns>
    public int Get(ReadOnlySpan<char> id, ReadOnlySpan<char> subscriptionId, ReadOnlySpan<char> email)
    {
        if (_last >= 0 && id.SequenceEqual(Entry(_last).IdText.Span))
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
            if (entry.Hash == hash && id.SequenceEqual(entry.IdText.Span))
            {
                _last = index;
                return index;
            }

            slot = (slot + 1) & mask;
        }

        _last = Add(hash, slot, id, subscriptionId, email);
        return _last;
    }

    /// <summary>The customer's id string, shared by all its lines.</summary>
    public string Id(int customer) => Entry(customer).Id;

    /// <summary>The string for this subscription (or item) id of the customer, shared by all its lines; null when empty.</summary>
    public string? Subscription(int customer, ReadOnlySpan<char> subscriptionId)
    {
        if (subscriptionId.IsEmpty)
        {
            return null;
        }

        ref var entry = ref Entry(customer);
        if (entry.First is not null && subscriptionId.SequenceEqual(entry.FirstText.Span))
        {
            return entry.First;
        }

        if (entry.Second is not null && subscriptionId.SequenceEqual(entry.SecondText.Span))
        {
            return entry.Second;
        }

        return Other(ref entry, subscriptionId);
    }

    /// <summary>Records the customer's e-mail (lower-cased) from a kept line, unless it is empty or already recorded.</summary>
    public void SawEmail(int customer, ReadOnlySpan<char> email, long row)
    {
        ref var entry = ref Entry(customer);
        if (email.IsEmpty || (entry.EmailRecorded && email.Equals(entry.EmailText.Span, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        if (entry.Email is null || !email.Equals(entry.EmailText.Span, StringComparison.OrdinalIgnoreCase))
        {
            entry.Email = email.ToString().ToLowerInvariant();
            entry.EmailText = Append(entry.Email);
        }

        entry.EmailRecorded = true;
        _records.Add(new CustomerRecord { CustomerId = entry.Id, Email = entry.Email, RowNumber = row });
    }

    private int Add(int hash, int slot, ReadOnlySpan<char> id, ReadOnlySpan<char> subscriptionId, ReadOnlySpan<char> email)
    {
        if ((_count & EntryBlockMask) == 0)
        {
            _entries.Add(new CustomerEntry[1 << EntryBlockShift]);
        }

        var index = _count++;
        ref var entry = ref Entry(index);
        entry.Hash = hash;
        entry.Id = id.ToString();
        entry.IdText = Append(id);
        if (!subscriptionId.IsEmpty)
        {
            entry.First = subscriptionId.ToString();
            entry.FirstText = Append(subscriptionId);
        }

        if (!email.IsEmpty)
        {
            entry.Email = email.ToString().ToLowerInvariant();
            entry.EmailText = Append(entry.Email);
        }

        _slots[slot] = index + 1;
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }

        return index;
    }

    private string Other(ref CustomerEntry entry, ReadOnlySpan<char> subscriptionId)
    {
        foreach (var known in entry.More ?? [])
        {
            if (subscriptionId.SequenceEqual(known))
            {
                return known;
            }
        }

        var created = subscriptionId.ToString();
        if (entry.First is null)
        {
            entry.First = created;
            entry.FirstText = Append(subscriptionId);
        }
        else if (entry.Second is null)
        {
            entry.Second = created;
            entry.SecondText = Append(subscriptionId);
        }
        else if ((entry.More ??= []).Count < MaxMoreSubscriptions)
        {
            entry.More.Add(created);
        }

        return created;
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

    /// <summary>One customer: the strings its lines keep, and where their text is in the shared array for comparing.</summary>
    private struct CustomerEntry
    {
        public int Hash;
        public string Id;
        public TextRange IdText;
        public string? First;
        public TextRange FirstText;
        public string? Second;
        public TextRange SecondText;
        public List<string>? More;

        /// <summary>The last e-mail address seen, lower-cased.</summary>
        public string? Email;
        public TextRange EmailText;

        /// <summary>Whether a customer record with <see cref="Email"/> was added (only kept lines add one).</summary>
        public bool EmailRecorded;
    }
}
