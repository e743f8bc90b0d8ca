namespace Pipeline.Domain.Metrics;

/// <summary>One customer's MRR figures in a month, as the segments classify them.</summary>
/// <param name="Start">S: the locked opening MRR.</param>
/// <param name="Restated">S′: the opening native parts at this month's rates.</param>
/// <param name="End">E: MRR at <c>T_m</c>.</param>
/// <param name="Movement">The tenant-level movement (decides Reactivation versus New when entering a segment).</param>
/// <param name="Delinquent">The tenant-level movement is a delinquent churn.</param>
/// <param name="Steady">Same parts at the same rates as the opening: S = S′ = E in every part.</param>
/// <param name="RateOnly">Same native parts at other rates: S′ = E in every part, no movement, only FX impact.</param>
internal readonly record struct MrrFlow(
    decimal Start, decimal Restated, decimal End, MovementType Movement, bool Delinquent, bool Steady, bool RateOnly)
{
    /// <summary>
    /// The customer enters or leaves a pause: Contraction to 0 or Expansion from 0 at tenant level, which only a pause
    /// gives (METRICS.md §2). Its segments then show Contraction or Expansion too, not Churn or New.
    /// </summary>
    public bool Pause =>
        (Movement == MovementType.Contraction && End == 0m) || (Movement == MovementType.Expansion && Restated == 0m);
}
