namespace Pipeline.Domain;

/// <summary>Where a revenue line comes from (EXPORTS.md C3.2).</summary>
public enum LineOrigin
{
    /// <summary>A line of an invoice or transaction, with the service period it bills.</summary>
    InvoiceLine,

    /// <summary>A synthetic line made from one row of a subscription snapshot export (Stripe, Chargebee, Baremetrics).</summary>
    /// <remarks>
    /// Successive snapshots of the same subscription build up history (see <see cref="SnapshotHistory"/>): a later
    /// snapshot that shows a different plan or amount takes over from its <see cref="RevenueLine.CurrentPeriodStart"/>.
    /// </remarks>
    SubscriptionSnapshot,
}
