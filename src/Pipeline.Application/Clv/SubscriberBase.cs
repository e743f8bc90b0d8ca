using Pipeline.Application.Ledger;
using Pipeline.Domain;

namespace Pipeline.Application.Clv;

/// <summary>A tenant's subscribers at the end of <see cref="AsOf"/>, grouped by one dimension and billing period, each group fitted.</summary>
/// <param name="AsOf">The month whose end renewals are observed to and MRR is taken at.</param>
/// <param name="Currency">The reporting currency of every amount.</param>
/// <param name="Ledger">The ledger it was built from.</param>
/// <param name="Mrr">Every customer's MRR at the end of <see cref="AsOf"/> (reporting currency); customers without MRR are absent.</param>
/// <param name="Groups">Ordered by segment (ordinal), then billing period.</param>
public sealed record SubscriberBase(
    BillingMonth AsOf, CurrencyCode Currency, TenantLedger Ledger, IReadOnlyDictionary<string, decimal> Mrr, IReadOnlyList<SubscriberGroup> Groups)
{
    /// <summary>The close version of <c>asOf</c> whose inputs the figures come from; null when computed from the current ledger (an open month).</summary>
    public int? CloseVersion { get; init; }
}
