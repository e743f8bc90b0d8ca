using Pipeline.Domain;

namespace Pipeline.Application.Clv;

/// <summary>The value cards of a tenant's customers at the end of <see cref="AsOf"/>.</summary>
/// <param name="AsOf">The month whose end the cards are taken at.</param>
/// <param name="Currency">The reporting currency of every amount.</param>
/// <param name="DiscountRate">The yearly discount rate used (<c>Pipeline:ClvDiscountRate</c>).</param>
/// <param name="Customers">The cards, filtered and sorted as asked.</param>
public sealed record CustomerValueReport(BillingMonth AsOf, CurrencyCode Currency, decimal DiscountRate, IReadOnlyList<CustomerValue> Customers)
{
    /// <summary>The close version of <c>asOf</c> whose inputs the figures come from; null when computed from the current ledger (an open month).</summary>
    public int? CloseVersion { get; init; }
}
