using Pipeline.Application.Closes;
using Pipeline.Domain;

namespace Pipeline.Application.Kpis;

/// <summary>Runs the KPI snapshot key migration (<see cref="IKpiSnapshotMigration"/>) of a tenant under its close lease.</summary>
/// <remarks>
/// Holding the lease keeps closes and reopens of the tenant, on any host, from writing its rows while they are moved, so
/// the migration never copies an old row over a month a close is rewriting. A provisional refresh (after an ingest) may
/// still run; whatever it writes is the current layout's and wins, and its next refresh replaces a month's rows whole.
/// </remarks>
public sealed class KpiStorageMigrationService(IKpiSnapshotMigration migration, ICloseLog closes, TimeProvider clock)
{
    /// <summary>The tenants that still have rows in an earlier layout.</summary>
    public Task<IReadOnlyList<TenantId>> ListPendingAsync(CancellationToken cancellationToken) =>
        migration.ListPendingAsync(cancellationToken);

    /// <summary>Migrates the tenant's rows; a result with a problem (and nothing moved) when another close or reopen holds its lease.</summary>
    public async Task<KpiSnapshotMigrationResult> MigrateAsync(TenantId tenant, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var lease = await closes.TryAcquireLeaseAsync(
            tenant, LeaseHolder.New(by), clock.GetUtcNow(), MonthCloseService.LeaseDuration, cancellationToken);
        if (lease is null)
        {
            var holder = await closes.FindLeaseAsync(tenant, cancellationToken);
            return new KpiSnapshotMigrationResult(tenant, 0, 0, 0, 0,
                $"a close or reopen of tenant {tenant} is running ({holder?.Describe() ?? "its lease is held"}); run the migration again when it is done");
        }

        try
        {
            return await migration.MigrateAsync(tenant, cancellationToken);
        }
        finally
        {
            await closes.ReleaseLeaseAsync(lease, CancellationToken.None);
        }
    }
}
