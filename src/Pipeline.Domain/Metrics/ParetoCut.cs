namespace Pipeline.Domain.Metrics;

/// <summary>Tells the top 20 % of customers by MRR (the ⌈0.2 N⌉ largest, ties by customer id) from the rest.</summary>
/// <remarks>
/// Finds the ⌈0.2 N⌉-th largest MRR by selection (expected linear, three-way partitioning so that many equal amounts
/// cost nothing extra) instead of sorting every month. Customers equal to that threshold are in the top only while
/// places are left, so <see cref="IsTop"/> must be asked for every customer with MRR &gt; 0 in customer-id order.
/// </remarks>
internal sealed class ParetoCut
{
    private readonly decimal _threshold;
    private int _tiedPlacesLeft;

    /// <param name="values">The MRR of every customer with MRR &gt; 0, in any order; reordered in place.</param>
    public ParetoCut(Span<decimal> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var places = (values.Length + 4) / 5;
        _threshold = LargestAt(values, places - 1);
        var above = 0;
        foreach (var value in values)
        {
            above += value > _threshold ? 1 : 0;
        }

        _tiedPlacesLeft = places - above;
        Threshold = new ParetoThreshold(_threshold, _tiedPlacesLeft);
    }

    /// <summary>A cut found before, for the same customers and amounts.</summary>
    public ParetoCut(ParetoThreshold threshold)
    {
        (_threshold, _tiedPlacesLeft) = (threshold.Threshold, threshold.TiedPlaces);
        Threshold = threshold;
    }

    /// <summary>The cut as found, before any <see cref="IsTop"/>; null when no customer has MRR.</summary>
    public ParetoThreshold? Threshold { get; }

    public bool IsTop(decimal mrr)
    {
        if (mrr != _threshold)
        {
            return mrr > _threshold;
        }

        _tiedPlacesLeft--;
        return _tiedPlacesLeft >= 0;
    }

    /// <summary>The value at <paramref name="rank"/> (0 = largest) if <paramref name="values"/> were sorted descending.</summary>
    private static decimal LargestAt(Span<decimal> values, int rank)
    {
        var (low, high) = (0, values.Length - 1);
        while (low < high)
        {
            var pivot = MedianOfThree(values[low], values[low + ((high - low) / 2)], values[high]);
            var (greater, index, less) = (low, low, high);
            while (index <= less)
            {
                if (values[index] > pivot)
                {
                    (values[greater], values[index]) = (values[index], values[greater]);
                    (greater, index) = (greater + 1, index + 1);
                }
                else if (values[index] < pivot)
                {
                    (values[index], values[less]) = (values[less], values[index]);
                    less--;
                }
                else
                {
                    index++;
                }
            }

            if (rank < greater)
            {
                high = greater - 1;
            }
            else if (rank > less)
            {
                low = less + 1;
            }
            else
            {
                return pivot;
            }
        }

        return values[low];
    }

    private static decimal MedianOfThree(decimal first, decimal second, decimal third) =>
        Math.Max(Math.Min(first, second), Math.Min(Math.Max(first, second), third));
}
