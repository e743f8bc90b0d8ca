using System.Collections;

namespace Pipeline.Domain.Metrics;

/// <summary>A closing snapshot as the close produced it: rows in strict customer-id order, with the positions of active rows.</summary>
/// <remarks>
/// Returned as <see cref="MonthEndResult.Closing"/>. When it comes back as the next month's opening, the close can
/// trust its order and skip the rows that cannot change: a dormant row (no MRR) changes only if the ledger has the
/// customer this month, so runs of dormant rows are copied as a block instead of being visited one by one. The
/// snapshot of a long, churn-heavy history is mostly dormant rows. A snapshot read back from storage is an ordinary
/// list and takes the verified merge.
/// </remarks>
internal sealed class ClosingSnapshot(List<CustomerMonthEnd> rows, List<int> activeRows, ParetoThreshold? endTier)
    : IReadOnlyList<CustomerMonthEnd>
{
    public int Count => rows.Count;

    public CustomerMonthEnd this[int index] => rows[index];

    /// <summary>The rows; never to be changed.</summary>
    public List<CustomerMonthEnd> Rows => rows;

    /// <summary>Indexes of the rows with MRR &gt; 0, ascending; every other row has MRR 0 and <see cref="CustomerMonthEnd.EverPaid"/>.</summary>
    public List<int> ActiveRows => activeRows;

    /// <summary>The top-20 % cut of the rows' MRR: the next month's start-side tier cut.</summary>
    public ParetoThreshold? EndTier => endTier;

    public IEnumerator<CustomerMonthEnd> GetEnumerator() => rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
