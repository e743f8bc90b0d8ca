using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Closes;

/// <summary>
/// The <c>closes</c> container: the per-customer snapshot and the movement drill-down of each month, per close version
/// (<c>{tenant}/{yyyy-MM}/v{version}/customers.json</c> and <c>…/movements.json</c>), and of an open month's provisional
/// figures (<c>{tenant}/{yyyy-MM}/provisional/…</c>).
/// </summary>
/// <remarks>
/// A version's folder is written only by the close of that version (before its <c>Closes</c> record is inserted);
/// provisional refreshes, which run without the close lease, write only the provisional folder. So whatever a
/// refresh does while a close is running, the snapshot a committed version points at is the one its close computed.
/// Readers pick the folder by the month's headline row: a closed row's version folder, else the provisional one.
/// </remarks>
public interface ICloseArtifactStore
{
    /// <summary>Writes the artifacts of one close version (only the close of that version calls this).</summary>
    Task WriteAsync(
        TenantId tenant,
        BillingMonth month,
        int version,
        IReadOnlyList<CustomerMonthEnd> closing,
        IReadOnlyList<CustomerMovement> movements,
        CancellationToken cancellationToken);

    /// <summary>The locked snapshot of a closed month version, or null when it was never written.</summary>
    Task<IReadOnlyList<CustomerMonthEnd>?> ReadClosingAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken);

    /// <summary>The movement drill-down of a closed month version, or null when it was never written.</summary>
    Task<IReadOnlyList<CustomerMovement>?> ReadMovementsAsync(TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken);

    /// <summary>Replaces the provisional artifacts of an open month (never a close version's).</summary>
    /// <remarks><paramref name="closing"/> holds the snapshot rows the drill-down needs (the customers that moved), not the whole snapshot.</remarks>
    Task WriteProvisionalAsync(
        TenantId tenant,
        BillingMonth month,
        IReadOnlyList<CustomerMonthEnd> closing,
        IReadOnlyList<CustomerMovement> movements,
        CancellationToken cancellationToken);

    /// <summary>The provisional snapshot rows of a month's movers, or null when none were written.</summary>
    Task<IReadOnlyList<CustomerMonthEnd>?> ReadProvisionalClosingAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken);

    /// <summary>The provisional movement drill-down of a month, or null when none was written.</summary>
    Task<IReadOnlyList<CustomerMovement>?> ReadProvisionalMovementsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken);
}
