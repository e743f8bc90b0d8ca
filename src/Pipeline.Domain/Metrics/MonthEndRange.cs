namespace Pipeline.Domain.Metrics;

/// <summary>A slice of one month's merge: opening rows and ledger customers whose ids lie in <c>[From, To)</c>.</summary>
/// <param name="OpeningStart">First opening row index, inclusive.</param>
/// <param name="OpeningEnd">Last opening row index, exclusive.</param>
/// <param name="LedgerStart">First ledger customer index, inclusive.</param>
/// <param name="LedgerEnd">Last ledger customer index, exclusive.</param>
/// <param name="From">The lowest id of the slice (ordinal), or null for no lower bound.</param>
/// <param name="To">The id the slice stops before, or null for no upper bound.</param>
/// <remarks>
/// A large month is closed as two slices in parallel (the two cores the close is sized for). The split point is a
/// customer id, found assuming the opening snapshot is in id order; every opening row is still checked against its
/// slice's bounds, so an unordered snapshot is detected exactly as in a single merge.
/// </remarks>
internal readonly record struct MonthEndRange(int OpeningStart, int OpeningEnd, int LedgerStart, int LedgerEnd, string? From, string? To)
{
    /// <summary>One slice for a small month, else two of about equal work.</summary>
    public static MonthEndRange[] Split(
        IReadOnlyList<CustomerMonthEnd> opening, ReadOnlySpan<CustomerMonthActivity> ledger, int parallelThreshold)
    {
        var whole = new MonthEndRange(0, opening.Count, 0, ledger.Length, null, null);
        if (opening.Count + ledger.Length < parallelThreshold || (opening.Count < 2 && ledger.Length < 2))
        {
            return [whole];
        }

        var splitId = SplitId(opening, ledger);
        if (splitId is null)
        {
            return [whole];
        }

        var openingMiddle = LowerBound(opening.Count, index => opening[index].CustomerId, splitId);
        var ledgerMiddle = LowerBound(ledger, splitId);
        return
        [
            new MonthEndRange(0, openingMiddle, 0, ledgerMiddle, null, splitId),
            new MonthEndRange(openingMiddle, opening.Count, ledgerMiddle, ledger.Length, splitId, null),
        ];
    }

    /// <summary>The id that halves the rows the merge visits; null when there is nothing to halve.</summary>
    /// <remarks>
    /// The work is the rows visited: every opening row in a verified merge, only ledger customers and active rows
    /// (about as many) when the opening is the close's own snapshot, whose dormant rows are copied as blocks. Either
    /// side may be empty: a month after the last exported invoices has no ledger customers at all, while the
    /// snapshot still holds every customer of the previous month.
    /// </remarks>
    private static string? SplitId(IReadOnlyList<CustomerMonthEnd> opening, ReadOnlySpan<CustomerMonthActivity> ledger)
    {
        var snapshot = opening as ClosingSnapshot;
        var byLedger = snapshot is not null || opening.Count < ledger.Length;
        if (byLedger && ledger.Length >= 2)
        {
            return ledger[ledger.Length / 2].CustomerId;
        }

        if (snapshot is not null && snapshot.ActiveRows.Count >= 2)
        {
            return snapshot.Rows[snapshot.ActiveRows[snapshot.ActiveRows.Count / 2]].CustomerId;
        }

        return opening.Count >= 2 ? opening[opening.Count / 2].CustomerId : null;
    }

    /// <summary>Whether an opening row's id belongs to this slice.</summary>
    public bool Contains(string customerId) =>
        (From is null || string.CompareOrdinal(customerId, From) >= 0) && (To is null || string.CompareOrdinal(customerId, To) < 0);

    private static int LowerBound(ReadOnlySpan<CustomerMonthActivity> ledger, string id)
    {
        var (low, high) = (0, ledger.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = string.CompareOrdinal(ledger[middle].CustomerId, id) < 0 ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    private static int LowerBound(int count, Func<int, string> idAt, string id)
    {
        var (low, high) = (0, count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = string.CompareOrdinal(idAt(middle), id) < 0 ? (middle + 1, high) : (low, middle);
        }

        return low;
    }
}
