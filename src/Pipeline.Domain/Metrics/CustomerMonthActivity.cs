namespace Pipeline.Domain.Metrics;

/// <summary>One customer's ledger facts for a month: its native MRR parts at <c>T_m</c> and whether a line started in the month.</summary>
/// <param name="CustomerId">The source customer id.</param>
/// <param name="FirstPart">Where the customer's parts start in the month's part buffer (<see cref="MonthActivity.PartsOf"/>).</param>
/// <param name="PartCount">How many parts; 0 when nothing counts at <c>T_m</c>.</param>
/// <param name="StartedInMonth">An eligible-by-type line's service starts in <c>(T_{m−1}, T_m]</c>.</param>
internal readonly record struct CustomerMonthActivity(string CustomerId, int FirstPart, int PartCount, bool StartedInMonth);
