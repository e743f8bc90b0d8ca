namespace Pipeline.Domain.Metrics;

/// <summary>The known future-dated changes of every subscription: what committed MRR (CMRR) adds to MRR.</summary>
/// <remarks>
/// <para>
/// At <c>T_m</c> a subscription commits to the amount of its latest-starting line when that line starts after
/// <c>T_m</c> (a scheduled upgrade, downgrade or a future-dated start) and was known at <c>T_m</c> (issued, or seen in a
/// snapshot, by then: METRICS.md §1 "known future-dated changes"), and to its current amount otherwise, so a closed
/// month's CMRR never counts an invoice issued after it. The latest line of a subscription does not depend on the
/// month, so it is found once here; a month then only asks "is this subscription's latest line a known future change
/// at m" per counting segment, plus one binary search per currency for the committed amounts of all subscriptions
/// whose latest line is known at m and starts after it.
/// </para>
/// <para>
/// A scheduled cancellation lowers CMRR before paid service ends: a subscription whose latest line has
/// <see cref="LineCoverage.CancelsAtEnd"/> (cancel at period end, non-renewing) commits 0 at every <c>T_m</c> from
/// the month the cancellation was requested until that line's end, so METRICS.md Ex1 (requested June 10) has CMRR 0
/// at the end of June while June's MRR is still counted, and CMRR of January to May stays what was known then.
/// </para>
/// </remarks>
internal sealed class CommittedRevenue
{
    private readonly int[] _latestStartMonths;
    private readonly int[] _latestKnownMonths;
    private readonly int[] _cancelEndMonths;
    private readonly int[] _cancelKnownFromMonths;
    private readonly int[][] _changeMonthsByCurrency;
    private readonly decimal[][] _committedThroughByCurrency;

    /// <param name="lines">The engine's lines.</param>
    /// <param name="subscriptions">Line numbers per subscription.</param>
    /// <param name="partCurrencies">Per part number, its currency index.</param>
    /// <param name="currencyCount">How many currencies the ledger has.</param>
    public CommittedRevenue(LineCoverage[] lines, IndexBuckets subscriptions, int[] partCurrencies, int currencyCount)
    {
        _latestStartMonths = new int[subscriptions.Count];
        _latestKnownMonths = new int[subscriptions.Count];
        _cancelEndMonths = new int[subscriptions.Count];
        _cancelKnownFromMonths = new int[subscriptions.Count];
        var changesByCurrency = Enumerable.Range(0, currencyCount).Select(_ => new List<(int Month, decimal Amount)>()).ToArray();
        for (var subscription = 0; subscription < subscriptions.Count; subscription++)
        {
            var latest = Latest(lines, subscriptions[subscription]);
            _latestStartMonths[subscription] = latest.FirstMonth;
            _latestKnownMonths[subscription] = latest.KnownFrom;
            _cancelEndMonths[subscription] = latest.CancelsAtEnd ? latest.EndMonthIgnoringDelinquency : int.MinValue;
            _cancelKnownFromMonths[subscription] = latest.CancelKnownFrom;
            // A future line that will be cancelled commits its amount only while the cancellation is not yet known.
            var committedUntil = latest.CancelsAtEnd ? Math.Min(latest.FirstMonth, latest.CancelKnownFrom) : latest.FirstMonth;
            // Committed from the month it is known in until it starts (or its cancellation is known): +amount, then −amount.
            if (latest.KnownFrom < committedUntil)
            {
                changesByCurrency[partCurrencies[latest.Part]].Add((latest.KnownFrom, latest.Monthly));
                changesByCurrency[partCurrencies[latest.Part]].Add((committedUntil, -latest.Monthly));
            }
        }

        _changeMonthsByCurrency = new int[currencyCount][];
        _committedThroughByCurrency = new decimal[currencyCount][];
        for (var currency = 0; currency < currencyCount; currency++)
        {
            var sorted = changesByCurrency[currency].OrderBy(entry => entry.Month).ToArray();
            _changeMonthsByCurrency[currency] = [.. sorted.Select(entry => entry.Month)];
            _committedThroughByCurrency[currency] = PrefixSums(sorted);
        }
    }

    /// <summary>
    /// Whether the subscription's current amount is replaced in CMRR at <c>T_month</c>: its latest line starts after
    /// <c>T_month</c> and was known by then, or that line is a scheduled cancellation, known at <c>T_month</c>, whose service end is after
    /// <c>T_month</c> (it commits 0).
    /// </summary>
    public bool ChangesAfter(int subscription, int month) =>
        (_latestStartMonths[subscription] > month && _latestKnownMonths[subscription] <= month)
        || (_cancelKnownFromMonths[subscription] <= month && month < _cancelEndMonths[subscription]);

    /// <summary>Adds, per currency, the amounts of the latest lines of the subscriptions that change after <c>T_month</c>, known by then.</summary>
    /// <remarks>A latest line that cancels at its end counts here only in months before its cancellation is known.</remarks>
    public void AddChangesAfter(int month, Span<decimal> byCurrency)
    {
        for (var currency = 0; currency < byCurrency.Length; currency++)
        {
            var months = _changeMonthsByCurrency[currency];
            var (low, high) = (0, months.Length);
            while (low < high)
            {
                var middle = (low + high) / 2;
                (low, high) = months[middle] <= month ? (middle + 1, high) : (low, middle);
            }

            byCurrency[currency] += _committedThroughByCurrency[currency][low];
        }
    }

    private static LineCoverage Latest(LineCoverage[] lines, ReadOnlySpan<int> members)
    {
        var latest = lines[members[0]];
        foreach (var member in members[1..])
        {
            if (lines[member].PrecedenceOver(latest) > 0)
            {
                latest = lines[member];
            }
        }

        return latest;
    }

    /// <summary>Running totals: element i is the sum of the first i changes.</summary>
    private static decimal[] PrefixSums((int Month, decimal Amount)[] sorted)
    {
        var sums = new decimal[sorted.Length + 1];
        for (var index = 0; index < sorted.Length; index++)
        {
            sums[index + 1] = sums[index] + sorted[index].Amount;
        }

        return sums;
    }
}
