namespace Pipeline.Domain.Metrics;

/// <summary>Numbers the distinct (plan, product, currency) keys of a ledger's MRR lines.</summary>
/// <remarks>
/// A customer's MRR is reported as one <see cref="MrrPart"/> per key. Numbers are handed out in first-seen order while
/// the ledger is read, then <see cref="Complete"/> re-ranks them into canonical order (<see cref="MrrPartKey.Compare"/>),
/// so a customer's parts come out in the same order whichever engine built them: restating a locked start and
/// converting the end then add the same terms in the same order, and an unchanged customer shows no movement.
/// Consecutive lines usually share their strings, so the last key is checked by reference before hashing.
/// </remarks>
internal sealed class MrrPartCatalog
{
    private readonly Dictionary<MrrPartKey, int> _numbers = [];
    private readonly List<MrrPartKey> _firstSeen = [];
    private MrrPartKey _lastKey;
    private int _lastNumber = -1;

    /// <summary>The keys by part number, in canonical order once <see cref="Complete"/> has run.</summary>
    public MrrPartKey[] Keys { get; private set; } = [];

    /// <summary>The distinct currencies of the ledger, ordered by code.</summary>
    public CurrencyCode[] Currencies { get; private set; } = [];

    /// <summary>Per part number, the index of its currency in <see cref="Currencies"/>.</summary>
    public int[] CurrencyIndexes { get; private set; } = [];

    public int Number(string? plan, string? product, CurrencyCode currency)
    {
        if (_lastNumber >= 0
            && ReferenceEquals(plan, _lastKey.Plan)
            && ReferenceEquals(product, _lastKey.Product)
            && currency == _lastKey.Currency)
        {
            return _lastNumber;
        }

        _lastKey = new MrrPartKey(plan, product, currency);
        if (!_numbers.TryGetValue(_lastKey, out _lastNumber))
        {
            _lastNumber = _firstSeen.Count;
            _numbers.Add(_lastKey, _lastNumber);
            _firstSeen.Add(_lastKey);
        }

        return _lastNumber;
    }

    /// <summary>Ranks the keys canonically; returns the new number of each first-seen number.</summary>
    public int[] Complete()
    {
        Keys = [.. _firstSeen];
        var firstSeenNumbers = Enumerable.Range(0, Keys.Length).ToArray();
        Array.Sort(Keys, firstSeenNumbers, Comparer<MrrPartKey>.Create(MrrPartKey.Compare));
        var ranks = new int[Keys.Length];
        for (var rank = 0; rank < Keys.Length; rank++)
        {
            ranks[firstSeenNumbers[rank]] = rank;
        }

        Currencies = [.. Keys.Select(key => key.Currency).Distinct()];
        CurrencyIndexes = [.. Keys.Select(key => Array.IndexOf(Currencies, key.Currency))];
        return ranks;
    }
}
