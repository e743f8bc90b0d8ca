using Pipeline.Domain;

namespace Pipeline.Application.Kpis;

/// <summary>What one tenant's migration of its KPI snapshot rows did.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Found">Rows of the earlier layout found.</param>
/// <param name="Copied">Rows copied into the current layout.</param>
/// <param name="Superseded">
/// Rows not copied because the current layout already had them, or had the month written since (its headline row, segment
/// rows and cohort cells are then the newer ones).
/// </param>
/// <param name="Deleted">Rows of the earlier layout deleted once the copy was checked.</param>
/// <param name="Problem">Why rows of the earlier layout were left in place (nothing is deleted then), or null.</param>
public sealed record KpiSnapshotMigrationResult(TenantId Tenant, int Found, int Copied, int Superseded, int Deleted, string? Problem = null)
{
    /// <summary>Whether the tenant has no row of the earlier layout left.</summary>
    public bool Complete => Problem is null && Deleted == Found;
}
