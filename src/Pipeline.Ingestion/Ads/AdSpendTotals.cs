using Pipeline.Domain;

namespace Pipeline.Ingestion.Ads;

/// <summary>One spend record per <see cref="SpendRecord.Key"/>; rows of one file with the same key are added up.</summary>
/// <remarks>
/// Ad platforms write one row per ad group, ad set, creative or demographic, so several rows of one file share a day
/// and campaign and each is part of that day's spend: they are summed, never replaced. Between files the ledger's
/// rule still holds (a later file replaces the key). A key's rows must share a currency: amounts in two currencies
/// cannot be added, so such a row is refused.
/// </remarks>
internal sealed class AdSpendTotals
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly List<SpendRecord> _records = [];

    public IReadOnlyList<SpendRecord> Records => _records;

    /// <summary>How many rows were added into an earlier row's record.</summary>
    public int Summed { get; private set; }

    /// <returns>Null when added; else the earlier record of the key, whose currency differs.</returns>
    public SpendRecord? Add(SpendRecord record)
    {
        var key = record.Key;
        if (!_positions.TryGetValue(key, out var position))
        {
            _positions.Add(key, _records.Count);
            _records.Add(record);
            return null;
        }

        var earlier = _records[position];
        if (earlier.Currency != record.Currency)
        {
            return earlier;
        }

        _records[position] = earlier with { Amount = earlier.Amount + record.Amount };
        Summed++;
        return null;
    }
}
