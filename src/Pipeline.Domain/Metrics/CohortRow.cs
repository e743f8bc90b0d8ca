namespace Pipeline.Domain.Metrics;

/// <summary>One row of the cohort retention table: a cohort and its retention month by month.</summary>
/// <param name="Cohort">The month of the cohort's New movements.</param>
/// <param name="Size">Customers of the cohort active at the end of its first month.</param>
/// <param name="StartMrr">The cohort's MRR at the end of its first month, reporting currency.</param>
/// <param name="Retention">
/// Index k is the retention at <c>T_{Cohort+k}</c> as a fraction (k = 0 is 1 whenever the base is not 0), up to the
/// last month in the table; null where the base is 0 or the month has no cell.
/// </param>
public sealed record CohortRow(BillingMonth Cohort, int Size, decimal StartMrr, IReadOnlyList<decimal?> Retention);
