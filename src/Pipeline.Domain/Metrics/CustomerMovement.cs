namespace Pipeline.Domain.Metrics;

/// <summary>One customer's movement in a month: the drill-down row behind the movement totals.</summary>
/// <param name="CustomerId">The source customer id.</param>
/// <param name="StartMrr">S: MRR at the previous month's end (from its locked snapshot, at that month's rates).</param>
/// <param name="EndMrr">E: MRR at this month's end.</param>
/// <param name="Type">The movement per METRICS.md §2; <see cref="MovementType.None"/> when S′ = E.</param>
/// <param name="Amount">The movement amount, always ≥ 0, against the restated start S′ = S + <see cref="FxImpact"/> (Churn S′, Contraction S′ − E, …).</param>
/// <remarks>
/// Movements are measured at this month's rates: <c>EndMrr = StartMrr + FxImpact ± Amount</c>. A customer whose MRR
/// changed only through exchange rates has no row; its FX impact is in <see cref="MonthlyKpis.FxImpactMrr"/>.
/// </remarks>
/// <param name="Delinquent">True for a churn caused only by unpaid invoices passing the delinquency limit.</param>
/// <param name="SubscribedAndChurned">True when the customer started and ended inside the month (no movement).</param>
public sealed record CustomerMovement(
    string CustomerId,
    decimal StartMrr,
    decimal EndMrr,
    MovementType Type,
    decimal Amount,
    bool Delinquent = false,
    bool SubscribedAndChurned = false)
{
    /// <summary>S′ − S: the start restated at this month's rates minus the locked start; 0 in the reporting currency.</summary>
    public decimal FxImpact { get; init; }

    /// <summary>
    /// True when the customer's MRR at the previous month end, as the ledger gives it now, differs from its locked
    /// snapshot: the movement carries data that arrived after that month was closed (METRICS.md §6).
    /// </summary>
    public bool Late { get; init; }

    /// <summary>For a late movement, the date the late change took effect (see <c>LateData</c>); null otherwise.</summary>
    public DateOnly? EffectiveDate { get; init; }
}
