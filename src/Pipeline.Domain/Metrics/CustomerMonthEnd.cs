namespace Pipeline.Domain.Metrics;

/// <summary>One customer's state at a month's end <c>T_m</c>: the row of a locked per-customer snapshot.</summary>
/// <param name="CustomerId">The source customer id.</param>
/// <param name="Mrr">MRR at <c>T_m</c> in the reporting currency, full precision.</param>
/// <param name="EverPaid">True once the customer has had MRR &gt; 0 at this or any earlier month end (tells Reactivation from New).</param>
public sealed record CustomerMonthEnd(string CustomerId, decimal Mrr, bool EverPaid);
