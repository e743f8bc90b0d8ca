using System.Runtime.InteropServices;
using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>One customer record per customer id, in order of first appearance; later records update earlier ones.</summary>
/// <remarks>
/// <see cref="Id"/> also hands out one string per customer id and the customer's record so far in a single lookup by
/// span, so a reader that pools its customer ids and compares each row with the record it has does not look the
/// customer up twice (rows come in random customer order, so each lookup is a cache miss). The lines of one invoice are
/// adjacent, so the previous row's customer is tried first.
/// </remarks>
internal sealed class CustomerRecordSet
{
    /// <summary>The position of an id that has been seen (<see cref="Id"/>) but has no record yet.</summary>
    private const int NoRecord = -1;

    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<CustomerRecord> _records = [];
    private string? _lastId;
    private int _lastPosition = NoRecord;

    public CustomerRecordSet() => _lookup = _positions.GetAlternateLookup<ReadOnlySpan<char>>();

    public IReadOnlyList<CustomerRecord> Records => _records;

    /// <summary>The one string this set keeps for the (non-empty) id, and in <paramref name="known"/> the customer's record so far, or null.</summary>
    public string Id(ReadOnlySpan<char> customerId, out CustomerRecord? known)
    {
        if (_lastId is not null && customerId.SequenceEqual(_lastId))
        {
            known = _lastPosition == NoRecord ? null : _records[_lastPosition];
            return _lastId;
        }

        if (!_lookup.TryGetValue(customerId, out var id, out var position))
        {
            (id, position) = (customerId.ToString(), NoRecord);
            _positions.Add(id, position);
        }

        (_lastId, _lastPosition) = (id, position);
        known = position == NoRecord ? null : _records[position];
        return id;
    }

    public void Add(CustomerRecord record)
    {
        ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(_positions, record.CustomerId, out var seen);
        if (seen && position != NoRecord)
        {
            _records[position] = record.UpdateOf(_records[position]);
            return;
        }

        position = _records.Count;
        _records.Add(record);
        if (string.Equals(record.CustomerId, _lastId, StringComparison.Ordinal))
        {
            _lastPosition = position;
        }
    }
}
