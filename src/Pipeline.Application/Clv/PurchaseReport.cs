using Pipeline.Domain;
using Pipeline.Domain.Clv;

namespace Pipeline.Application.Clv;

/// <summary>A tenant's non-contractual purchase models at a calibration end: one group per segment.</summary>
/// <param name="CalibrationEnd">The last day of calibration, inclusive.</param>
/// <param name="Unit">The time unit of t_x and T, and so of α and every expected count.</param>
/// <param name="Currency">The reporting currency of the purchase values (and of γ).</param>
/// <param name="Groups">Ordered by segment (ordinal).</param>
public sealed record PurchaseReport(DateOnly CalibrationEnd, PurchaseTimeUnit Unit, CurrencyCode Currency, IReadOnlyList<PurchaseGroup> Groups);
