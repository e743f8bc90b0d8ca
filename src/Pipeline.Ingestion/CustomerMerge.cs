using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>One record per customer from the records a parse handed on, later over earlier, in order of first record.</summary>
/// <remarks>For a parse whose customers stay in memory (<see cref="ExportParseResult.Customers"/>); an ingest hands them to the ledger instead.</remarks>
internal sealed class CustomerMerge
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<CustomerRecord> _records = [];

    public IReadOnlyList<CustomerRecord> Records => _records;

    public ValueTask AddAsync(IReadOnlyList<CustomerRecord> customers, CancellationToken cancellationToken)
    {
        foreach (var customer in customers)
        {
            if (_index.TryGetValue(customer.CustomerId, out var at))
            {
                _records[at] = customer.UpdateOf(_records[at]);
            }
            else
            {
                _index.Add(customer.CustomerId, _records.Count);
                _records.Add(customer);
            }
        }

        return ValueTask.CompletedTask;
    }
}
