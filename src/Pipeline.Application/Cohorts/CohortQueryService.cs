using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Cohorts;

/// <summary>The cohort table: retention of each cohort month by months since start, from the stored cohort cells.</summary>
public sealed class CohortQueryService(IKpiSnapshotStore snapshots)
{
    /// <summary>One row per cohort in <paramref name="from"/>..<paramref name="to"/> (inclusive, each optional), oldest first.</summary>
    public async Task<IReadOnlyList<CohortRow>> ListAsync(
        TenantId tenant, CohortMetric metric, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var cells = await snapshots.ListCohortCellsAsync(tenant, cancellationToken);
        return CohortTable.Rows(cells.Where(cell => (from is null || cell.Cohort >= from) && (to is null || cell.Cohort <= to)), metric);
    }
}
