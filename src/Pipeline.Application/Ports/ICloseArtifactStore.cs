using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Ports;

/// <summary>
/// The <c>closes</c> container: per close version, the locked per-customer snapshot and the movement drill-down
/// (<c>{tenant}/{yyyy-MM}/v{version}/customers.json</c> and <c>…/movements.json</c>).
/// </summary>
public interface ICloseArtifactStore
{
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
}
