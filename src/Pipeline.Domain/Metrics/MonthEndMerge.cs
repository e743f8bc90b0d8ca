using System.Globalization;
using System.Runtime.InteropServices;

namespace Pipeline.Domain.Metrics;

/// <summary>Merges one slice of the opening snapshot with the same slice of the engine's month, customer by customer.</summary>
/// <remarks>
/// Both sides are in ordinal customer-id order, so the merge needs no hashing and no sorting. A snapshot the close
/// produced itself (<see cref="ClosingSnapshot"/>) is known to be in order and says which rows are active, so only
/// active rows and ledger customers are visited and the dormant rows between them are copied as blocks; any other
/// snapshot is verified row by row while it is merged.
/// </remarks>
internal static class MonthEndMerge
{
    /// <returns>False when the snapshot is not in strict id order (the caller sorts it and tries again).</returns>
    public static bool Merge(MonthEndWork work, IReadOnlyList<CustomerMonthEnd> start, MonthEndRange range, MonthEndBuilder builder) =>
        start is ClosingSnapshot snapshot ? Trusted(work, snapshot, range, builder) : Verified(work, start, range, builder);

    /// <summary>Merges one slice of the snapshot with the same slice of the ledger; false when the snapshot is out of order.</summary>
    /// <remarks>
    /// Order is verified during the merge, where each id is already in cache, instead of in a separate pass. Most
    /// snapshot rows of a long history are dormant (churned, nothing in the ledger this month): they are carried over.
    /// </remarks>
    private static bool Verified(MonthEndWork work, IReadOnlyList<CustomerMonthEnd> start, MonthEndRange range, MonthEndBuilder builder)
    {
        var activities = work.Activity.Customers;
        var (nextStart, nextLedger) = (range.OpeningStart, range.LedgerStart);
        string? previousId = null;
        while (nextStart < range.OpeningEnd || nextLedger < range.LedgerEnd)
        {
            var before = nextStart < range.OpeningEnd ? start[nextStart] : null;
            var order = before is null ? 1
                : nextLedger == range.LedgerEnd ? -1
                : string.CompareOrdinal(before.CustomerId, activities[nextLedger].CustomerId);
            if (order > 0)
            {
                builder.Add(null, activities[nextLedger++]);
                continue;
            }

            if (string.CompareOrdinal(previousId, before!.CustomerId) >= 0 || !range.Contains(before.CustomerId))
            {
                return false;
            }

            (previousId, nextStart) = (before.CustomerId, nextStart + 1);
            if (order < 0 && before.Mrr == 0m)
            {
                builder.CarryDormant(before);
                continue;
            }

            var ledger = order == 0 ? activities[nextLedger++] : new CustomerMonthActivity(before.CustomerId, 0, 0, false);
            builder.Add(Checked(before), ledger);
        }

        return true;
    }

    private static CustomerMonthEnd Checked(CustomerMonthEnd entry) =>
        entry.Mrr >= 0m
            ? entry
            : throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The opening snapshot has a negative MRR for customer '{entry.CustomerId}'."));


    private static bool Trusted(MonthEndWork work, ClosingSnapshot snapshot, MonthEndRange range, MonthEndBuilder builder)
    {
        ReadOnlySpan<CustomerMonthEnd> rows = CollectionsMarshal.AsSpan(snapshot.Rows);
        ReadOnlySpan<int> active = CollectionsMarshal.AsSpan(snapshot.ActiveRows);
        var ledger = work.Activity.Customers;
        var nextActive = FirstAtOrAfter(active, range.OpeningStart);
        var (copyFrom, nextLedger) = (range.OpeningStart, range.LedgerStart);
        while (true)
        {
            var activeRow = nextActive < active.Length && active[nextActive] < range.OpeningEnd ? active[nextActive] : -1;
            if (activeRow < 0 && nextLedger == range.LedgerEnd)
            {
                break;
            }

            var order = activeRow < 0 ? 1
                : nextLedger == range.LedgerEnd ? -1
                : string.CompareOrdinal(rows[activeRow].CustomerId, ledger[nextLedger].CustomerId);
            if (order <= 0)
            {
                builder.CarryDormant(rows[copyFrom..activeRow]);
                var activity = order == 0 ? ledger[nextLedger++] : new CustomerMonthActivity(rows[activeRow].CustomerId, 0, 0, false);
                builder.Add(rows[activeRow], activity);
                (copyFrom, nextActive) = (activeRow + 1, nextActive + 1);
                continue;
            }

            // A ledger customer before the next active row: a dormant row in the gap, or a customer new to the snapshot.
            var id = ledger[nextLedger].CustomerId;
            var at = copyFrom + FirstAtOrAfter(rows[copyFrom..(activeRow < 0 ? range.OpeningEnd : activeRow)], id);
            builder.CarryDormant(rows[copyFrom..at]);
            var found = at < rows.Length && at < range.OpeningEnd && string.Equals(rows[at].CustomerId, id, StringComparison.Ordinal);
            builder.Add(found ? rows[at] : null, ledger[nextLedger++]);
            copyFrom = found ? at + 1 : at;
        }

        builder.CarryDormant(rows[copyFrom..range.OpeningEnd]);
        return true;
    }

    private static int FirstAtOrAfter(ReadOnlySpan<int> sorted, int value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = sorted[middle] < value ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    private static int FirstAtOrAfter(ReadOnlySpan<CustomerMonthEnd> rows, string customerId)
    {
        var (low, high) = (0, rows.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = string.CompareOrdinal(rows[middle].CustomerId, customerId) < 0 ? (middle + 1, high) : (low, middle);
        }

        return low;
    }
}
