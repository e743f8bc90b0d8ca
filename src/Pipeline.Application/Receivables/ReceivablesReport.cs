using Pipeline.Domain.Receivables;

namespace Pipeline.Application.Receivables;

/// <summary>The receivables at a month end: the aged invoices, per group of a dimension and per customer.</summary>
/// <param name="Aging">Every invoice owed by the month end, with its unpaid balance.</param>
/// <param name="Dimension">The grouping (<c>all</c> without one).</param>
/// <param name="Groups">One row per segment of <paramref name="Dimension"/>, by segment.</param>
/// <param name="Customers">One row per customer (and segment) with an unpaid balance, largest first.</param>
public sealed record ReceivablesReport(
    ReceivablesAging Aging, string Dimension, IReadOnlyList<ReceivablesGroup> Groups, IReadOnlyList<CustomerReceivables> Customers)
{
    /// <summary>The segment of <see cref="Dimension"/> an invoice is in.</summary>
    public required Func<Invoice, string> SegmentOf { get; init; }

    /// <summary>The close version of the month whose inputs the figures come from; null when computed from the current ledger.</summary>
    public int? CloseVersion { get; init; }

    /// <summary>The tenant's business time zone (the days of the invoices' dates).</summary>
    public required TimeZoneInfo TimeZone { get; init; }
}

/// <summary>The aging of one segment's invoices.</summary>
public sealed record ReceivablesGroup(string Dimension, string Segment, ReceivablesTotals Totals);

/// <summary>The aging of one customer's invoices (in one segment).</summary>
public sealed record CustomerReceivables(string CustomerId, string? Name, string Dimension, string Segment, ReceivablesTotals Totals);
