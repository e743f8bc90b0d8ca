namespace Pipeline.Domain.Metrics;

/// <summary>Which segment of one dimension a respondent is in, from its row of the month-end snapshot.</summary>
/// <remarks>
/// Country, channel and segment are the customer's master data. Plan, product and currency, which split a customer's
/// MRR across parts in the KPI segments, put a respondent in the part with the largest MRR (ties: the first part).
/// Tier is the Pareto top 20 % of the customers with MRR (ties by customer id), band the MRR band. A respondent without
/// a row, or (for the MRR-based dimensions) without MRR, is in <see cref="SegmentDimensions.None"/>.
/// </remarks>
internal sealed class LoyaltySegmentOf
{
    private readonly string _dimension;
    private readonly Dictionary<string, CustomerMonthEnd> _closing;
    private readonly HashSet<string> _top = new(StringComparer.Ordinal);
    private readonly MrrBandLabels _bands;

    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="SegmentDimensions.All"/>.</exception>
    public LoyaltySegmentOf(string dimension, IReadOnlyList<CustomerMonthEnd> closing, IReadOnlyList<decimal> mrrBands)
    {
        if (!SegmentDimensions.All.Contains(dimension, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{dimension}' is not a segment dimension.", nameof(dimension));
        }

        _dimension = dimension;
        _closing = closing.ToDictionary(customer => customer.CustomerId, StringComparer.Ordinal);
        _bands = new MrrBandLabels(mrrBands);
        if (dimension == SegmentDimensions.Tier)
        {
            var active = closing.Where(customer => customer.Mrr > 0m).OrderBy(customer => customer.CustomerId, StringComparer.Ordinal).ToList();
            var cut = new ParetoCut(active.Select(customer => customer.Mrr).ToArray());
            _top.UnionWith(active.Where(customer => cut.IsTop(customer.Mrr)).Select(customer => customer.CustomerId));
        }
    }

    public string Of(string customerId)
    {
        if (!_closing.TryGetValue(customerId, out var customer))
        {
            return SegmentDimensions.None;
        }

        var largest = customer.Parts.Count == 0 ? null : customer.Parts.MaxBy(part => part.Mrr);
        var value = _dimension switch
        {
            SegmentDimensions.Country => customer.Country,
            SegmentDimensions.Channel => customer.Channel,
            SegmentDimensions.Segment => customer.Segment,
            SegmentDimensions.Plan => largest?.Plan,
            SegmentDimensions.Product => largest?.Product,
            SegmentDimensions.Currency => largest?.Currency.Code,
            SegmentDimensions.Tier when customer.Mrr > 0m =>
                _top.Contains(customerId) ? SegmentDimensions.TopTwentyPercent : SegmentDimensions.Rest,
            SegmentDimensions.Band when customer.Mrr > 0m && !_bands.IsEmpty => _bands.Labels[_bands.BandOf(customer.Mrr)],
            _ => null,
        };
        return value ?? SegmentDimensions.None;
    }
}
