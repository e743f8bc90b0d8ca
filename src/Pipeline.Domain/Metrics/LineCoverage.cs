namespace Pipeline.Domain.Metrics;

/// <summary>An MRR-eligible revenue line reduced to what the month queries need.</summary>
/// <remarks>
/// Months are <see cref="MonthNumbering"/> numbers. The line counts at <c>T_m</c> for
/// <c>FirstMonth ≤ m &lt; EndMonth</c>; <see cref="EndMonth"/> already includes the refund date, the proration credit
/// (<see cref="RevenueLine.CreditedFrom"/>) and the delinquency limit, <see cref="EndMonthIgnoringDelinquency"/> only
/// the refund date and the credit (it tells delinquent churn apart).
/// </remarks>
/// <param name="Customer">The customer's number in the engine's customer table.</param>
/// <param name="Part">The line's <see cref="MrrPartCatalog"/> number (plan, product, currency).</param>
/// <param name="Monthly">The normalised, prorated monthly amount in the line's currency; always &gt; 0.</param>
/// <param name="FirstMonth">The month containing the service start.</param>
/// <param name="EndMonth">The first month the line no longer counts in (exclusive), all rules applied.</param>
/// <param name="EndMonthIgnoringDelinquency">Like <see cref="EndMonth"/>, without the delinquency limit.</param>
/// <param name="StartTicks">The service start in UTC ticks: the first supersede key.</param>
/// <param name="IssuedTicks">The issue instant in UTC ticks, <see cref="long.MinValue"/> when unknown: the second key.</param>
/// <param name="Source">The position in the ledger list: the last key.</param>
/// <param name="CancelKnownFrom">
/// For a line whose end is a scheduled cancellation: the first month whose <c>T_m</c> knows of it (committed MRR drops
/// to 0 from then until the end); <see cref="int.MaxValue"/> for every other line.
/// </param>
/// <param name="KnownFrom">
/// The first month whose <c>T_m</c> knows of the line: the month of its issue date, else of its snapshot's time, else of
/// its service start. A future-dated line counts in committed MRR only from then.
/// </param>
internal readonly record struct LineCoverage(
    int Customer,
    int Part,
    decimal Monthly,
    int FirstMonth,
    int EndMonth,
    int EndMonthIgnoringDelinquency,
    long StartTicks,
    long IssuedTicks,
    int Source,
    int CancelKnownFrom = int.MaxValue,
    int KnownFrom = int.MinValue)
{
    /// <summary>Whether the line's end is a scheduled cancellation rather than the end of a billed period.</summary>
    public bool CancelsAtEnd => CancelKnownFrom != int.MaxValue;

    public bool CountsIn(int month) => FirstMonth <= month && month < EndMonth;

    public bool CountsIgnoringDelinquencyIn(int month) => FirstMonth <= month && month < EndMonthIgnoringDelinquency;

    /// <summary>Positive when this line supersedes <paramref name="other"/>: later start, then later issue, then later in the source.</summary>
    public int PrecedenceOver(in LineCoverage other)
    {
        if (StartTicks != other.StartTicks)
        {
            return StartTicks.CompareTo(other.StartTicks);
        }

        return IssuedTicks != other.IssuedTicks ? IssuedTicks.CompareTo(other.IssuedTicks) : Source.CompareTo(other.Source);
    }
}
