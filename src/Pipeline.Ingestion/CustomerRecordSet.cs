using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>One customer record per customer id, in order of first appearance; later records update earlier ones.</summary>
internal sealed class CustomerRecordSet
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly List<CustomerRecord> _records = [];

    public IReadOnlyList<CustomerRecord> Records => _records;

    public CustomerRecord? Find(string customerId) =>
        _positions.TryGetValue(customerId, out var position) ? _records[position] : null;

    public void Add(CustomerRecord record)
    {
        if (_positions.TryGetValue(record.CustomerId, out var position))
        {
            _records[position] = record.UpdateOf(_records[position]);
            return;
        }

        _positions.Add(record.CustomerId, _records.Count);
        _records.Add(record);
    }
}
