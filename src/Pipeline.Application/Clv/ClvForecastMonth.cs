using Pipeline.Domain;

namespace Pipeline.Application.Clv;

/// <summary>A group's expected payments in one future month.</summary>
/// <remarks>
/// A subscriber pays its per-period value (MRR at <c>asOf</c> × months per period × gross margin) in each renewal month,
/// with the sBG probability of having made that renewal given it is alive at <c>asOf</c>; a quarterly or yearly group
/// pays only in its customers' renewal months. Amounts at full precision, reporting currency.
/// </remarks>
/// <param name="Month">The future month.</param>
/// <param name="MonthsAhead">j: the month is <c>asOf</c> + j.</param>
/// <param name="ExpectedRenewals">Σ P(renewing in the month) over the active customers.</param>
/// <param name="ExpectedRevenue">Σ per-period value × P(renewing in the month).</param>
/// <param name="DiscountedRevenue">The same × (1 + yearly rate)^(−(j − 1) ÷ 12): the first month is time zero, as for DERL.</param>
public sealed record ClvForecastMonth(BillingMonth Month, int MonthsAhead, double ExpectedRenewals, decimal ExpectedRevenue, decimal DiscountedRevenue);
