using Pipeline.Domain;

namespace Pipeline.Application.Clv;

/// <summary>The expected payments of a tenant's active subscribers in the months after <see cref="AsOf"/> (METRICS.md §8, per time unit).</summary>
/// <param name="AsOf">The month whose end the active base is taken at; the forecast starts the month after.</param>
/// <param name="Currency">The reporting currency of every amount.</param>
/// <param name="DiscountRate">The yearly discount rate used (<c>Pipeline:ClvDiscountRate</c>).</param>
/// <param name="Groups">One per segment and billing period, ordered as the CLV groups.</param>
public sealed record ClvForecast(BillingMonth AsOf, CurrencyCode Currency, decimal DiscountRate, IReadOnlyList<ClvGroupForecast> Groups)
{
    /// <summary>The close version of <c>asOf</c> whose inputs the figures come from; null when computed from the current ledger (an open month).</summary>
    public int? CloseVersion { get; init; }
}
