using Pipeline.Domain;

namespace Pipeline.Application.Loyalty;

/// <summary>The loyalty rows of a range of months, by month then segment.</summary>
/// <param name="Currency">The reporting currency of <c>captiveMrr</c>.</param>
/// <param name="Months">The rows, oldest month first.</param>
public sealed record LoyaltyReport(CurrencyCode Currency, IReadOnlyList<LoyaltyMonth> Months);
