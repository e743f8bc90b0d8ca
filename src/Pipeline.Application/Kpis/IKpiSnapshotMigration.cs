using Pipeline.Domain;

namespace Pipeline.Application.Kpis;

/// <summary>Moves KPI snapshot rows written in an earlier key layout of the store into its current one.</summary>
/// <remarks>Idempotent: a run that was interrupted, or a second run, finishes what is left and changes nothing else.</remarks>
public interface IKpiSnapshotMigration
{
    /// <summary>The tenants that still have rows in an earlier layout.</summary>
    Task<IReadOnlyList<TenantId>> ListPendingAsync(CancellationToken cancellationToken);

    /// <summary>Copies the tenant's rows of an earlier layout into the current one, checks the copy, then deletes them.</summary>
    Task<KpiSnapshotMigrationResult> MigrateAsync(TenantId tenant, CancellationToken cancellationToken);
}
