using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Application.Ports;

/// <summary>The <c>KpiSnapshots</c> table: the figures BI tools read.</summary>
public interface IKpiSnapshotStore
{
    /// <summary>Writes a closed month's row (inserting, or replacing its provisional row).</summary>
    Task WriteClosedAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Writes an open month's row; never replaces a closed row (returns false then).</summary>
    Task<bool> WriteProvisionalAsync(TenantId tenant, KpiSnapshot snapshot, CancellationToken cancellationToken);

    Task<KpiSnapshot?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken);

    /// <summary>The tenant's monthly rows from <paramref name="from"/> to <paramref name="to"/> (inclusive, each optional), oldest first.</summary>
    Task<IReadOnlyList<KpiSnapshot>> ListAsync(TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken);
}
