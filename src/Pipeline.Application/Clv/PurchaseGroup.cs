using Pipeline.Application.Clv.Estimation;
using Pipeline.Domain.Clv;

namespace Pipeline.Application.Clv;

/// <summary>The buyers of one segment with their BG/NBD and Gamma-Gamma fits (METRICS.md §8, non-contractual revenue).</summary>
/// <param name="Dimension">The grouping: <c>all</c>, a segment dimension, or <c>cohort</c> (the month of the first purchase).</param>
/// <param name="Segment">The group's value of the dimension.</param>
/// <param name="Purchases">The BG/NBD fit of the members' histories, or the note why there is none.</param>
/// <param name="Spend">The Gamma-Gamma fit of the repeat buyers' mean values, or the note why there is none.</param>
/// <param name="Members">Each buyer's history up to the calibration end, ordered by customer id.</param>
public sealed record PurchaseGroup(string Dimension, string Segment, PurchaseFit Purchases, SpendFit Spend, IReadOnlyList<PurchaseSummary> Members);
