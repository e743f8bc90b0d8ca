namespace Pipeline.Domain.Metrics;

/// <summary>One customer's ledger facts for a month: MRR at <c>T_m</c> and whether a line started in the month.</summary>
/// <param name="CustomerId">The source customer id.</param>
/// <param name="Mrr">MRR at <c>T_m</c>, 0 when nothing counts.</param>
/// <param name="StartedInMonth">An eligible-by-type line's service starts in <c>(T_{m−1}, T_m]</c>.</param>
internal readonly record struct CustomerMonthActivity(string CustomerId, decimal Mrr, bool StartedInMonth);
