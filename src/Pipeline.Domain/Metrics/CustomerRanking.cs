namespace Pipeline.Domain.Metrics;

/// <summary>Maps customer numbers given in first-seen order to their rank in ordinal customer-id order.</summary>
/// <remarks>
/// Ranking once at construction lets every month's results be produced in customer-id order by walking arrays,
/// which is the order the close needs for its merge with the opening snapshot — no per-month sorting or hashing.
/// </remarks>
internal sealed class CustomerRanking
{
    private readonly int[] _rankOf;

    public CustomerRanking(List<string> idsByNumber)
    {
        OrderedIds = [.. idsByNumber];
        var numbers = new int[OrderedIds.Length];
        for (var number = 0; number < numbers.Length; number++)
        {
            numbers[number] = number;
        }

        Array.Sort(OrderedIds, numbers, StringComparer.Ordinal);
        _rankOf = new int[numbers.Length];
        for (var rank = 0; rank < numbers.Length; rank++)
        {
            _rankOf[numbers[rank]] = rank;
            OrderedIds[rank] = new string(OrderedIds[rank]);
        }
    }

    /// <summary>The customer ids in ordinal order: index = rank.</summary>
    public string[] OrderedIds { get; }

    public int this[int number] => _rankOf[number];
}
