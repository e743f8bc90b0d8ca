using Pipeline.Domain;

namespace Pipeline.Application.Clv;

/// <summary>A tenant's customer value at the end of <see cref="AsOf"/>: one group per segment and billing period.</summary>
/// <param name="AsOf">The month whose end the renewals are observed to and the MRR is taken at.</param>
/// <param name="Currency">The reporting currency of every amount.</param>
/// <param name="Groups">Ordered by segment (ordinal), then billing period.</param>
public sealed record ClvReport(BillingMonth AsOf, CurrencyCode Currency, IReadOnlyList<ClvGroup> Groups)
{
    /// <summary>The close version of <c>asOf</c> whose inputs the figures come from; null when computed from the current ledger (an open month).</summary>
    public int? CloseVersion { get; init; }
}
