using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>
/// The customer records a row reader hands on while the file is read: a customer's record when it first has one and
/// again whenever its values change, in row order; a record that repeats the customer's last values is dropped.
/// </summary>
/// <remarks>
/// <para>
/// Customers are what a parse would otherwise keep for the whole file (the lines go to the ledger as they are read), so
/// records are not kept: they wait in <see cref="Pending"/> until the parser takes them a chunk at a time
/// (<see cref="Take"/>, the ledger writes them in the batch's customers file as they come), and what stays is 16 bytes
/// per customer (<see cref="CustomerHashes"/>: the hash of its id and of its last record's values).
/// </para>
/// <para>
/// Several records of one customer merge later over earlier, field by field (<see cref="CustomerRecord.UpdateOf"/>),
/// exactly as records of later imports update earlier ones, so what is merged from the handed-on records is what one
/// record per customer merged in the parse would be: a record that repeats the last values the customer had changes
/// nothing. Its <see cref="CustomerRecord.RowNumber"/> is the row of the customer's latest record that was handed on.
/// </para>
/// <para>
/// Only whole values are compared, by their hash: a row that repeats some of the last record's values and leaves the
/// others empty is handed on as a record of its own. Merged, it changes nothing; it costs a row of the customers file
/// (a file that gives a customer's attributes on alternate lines only writes a record per line).
/// </para>
/// </remarks>
internal sealed class CustomerRecordStream
{
    private readonly CustomerHashes _customers = new();
    private List<CustomerRecord> _pending = [];
    private string? _lastId;
    private ulong _lastIdHash;
    private string? _settledId;
    private ulong _settledValues;

    /// <summary>How many customers have a record.</summary>
    public int Customers => _customers.Count;

    /// <summary>The bytes kept per file (the table of hashes).</summary>
    public long Bytes => _customers.Bytes;

    /// <summary>How many records wait to be taken.</summary>
    public int Pending => _pending.Count;

    /// <summary>The customer's id as a string: the previous row's when it is the same customer (the lines of an invoice are adjacent).</summary>
    public string Id(ReadOnlySpan<char> customerId)
    {
        if (_lastId is null || !customerId.SequenceEqual(_lastId))
        {
            (_lastId, _lastIdHash) = (customerId.ToString(), 0);
        }

        return _lastId;
    }

    /// <summary>
    /// Starts fetching what <see cref="Changes"/> will look up for <paramref name="customerId"/> (the string <see cref="Id"/>
    /// returned), for a reader to call as soon as it has the id and before it reads the row's other values.
    /// </summary>
    public void Prefetch(string customerId)
    {
        if (!ReferenceEquals(customerId, _settledId))
        {
            _customers.Prefetch(IdHash(customerId));
        }
    }

    /// <summary>Hands <paramref name="record"/> on unless it repeats the last values of its customer.</summary>
    public void Add(CustomerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = IdHash(record.CustomerId);
        var values = ValuesOf(record);
        if (_customers.Differs(id, values))
        {
            Add(record, id, values);
        }
    }

    /// <summary>
    /// Whether a record of customer <paramref name="customerId"/> with these values (see <see cref="CustomerValuesHash"/>)
    /// would be handed on; its hashes for <see cref="Add(CustomerRecord, ulong, ulong)"/>.
    /// </summary>
    /// <remarks>
    /// A row of the customer of the row before (the same id string, see <see cref="Id"/>) with the values that row left the
    /// customer with is answered without a lookup: the lines of an invoice are adjacent.
    /// </remarks>
    public bool Changes(string customerId, ulong values, out ulong id)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (ReferenceEquals(customerId, _settledId) && values == _settledValues)
        {
            id = 0;
            return false;
        }

        id = IdHash(customerId);
        if (_customers.Differs(id, values))
        {
            return true;
        }

        (_settledId, _settledValues) = (customerId, values);
        return false;
    }

    /// <summary>Hands on a record already compared (<see cref="Changes"/>), with the hashes that were compared.</summary>
    public void Add(CustomerRecord record, ulong id, ulong values)
    {
        ArgumentNullException.ThrowIfNull(record);
        _customers.Store(id, values);
        _pending.Add(record);
        (_settledId, _settledValues) = (record.CustomerId, values);
    }

    /// <summary>Every waiting record, oldest first; the stream starts a new list.</summary>
    public List<CustomerRecord> Take()
    {
        var taken = _pending;
        _pending = new List<CustomerRecord>(Math.Min(taken.Count, 4_096));
        return taken;
    }

    /// <summary>The values hash of a whole record (every field, ordinal: its values are normalised already).</summary>
    private static ulong ValuesOf(CustomerRecord record)
    {
        var hash = new CustomerValuesHash(record.CustomerId);
        hash.Add(0, record.Name);
        hash.Add(1, record.Email);
        hash.Add(2, record.Country);
        hash.Add(3, record.Segment);
        hash.Add(4, record.Channel);
        hash.Add(5, record.Campaign);
        hash.Add(6, record.ReferredBy);
        if (record.CreatedAt is { } createdAt)
        {
            hash.Add(7, createdAt.Ticks);
            hash.Add(8, createdAt.Offset.Ticks);
        }

        return hash.Value;
    }

    /// <summary>The id's hash, the previous row's when it is the same string.</summary>
    private ulong IdHash(string customerId)
    {
        if (!ReferenceEquals(customerId, _lastId))
        {
            return CustomerValuesHash.OfId(customerId);
        }

        if (_lastIdHash == 0)
        {
            _lastIdHash = CustomerValuesHash.OfId(customerId);
        }

        return _lastIdHash;
    }
}
