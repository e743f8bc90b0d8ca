using Azure;
using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Entities;

/// <summary>A cohort cell of the <c>KpiSnapshots</c> table: PK tenant, RK <c>coh|yyyy-MM|cohort=yyyy-MM</c> (month end, then cohort).</summary>
/// <remarks>
/// <see cref="Dimension"/> is always <c>cohort</c> (BI tools reading the table see what the row is; the cells have their
/// own key range, so no query needs it). <see cref="MonthsSinceStart"/> is stored for BI tools only (it follows from the
/// months). MRR is an invariant decimal string at full precision.
/// </remarks>
internal sealed class CohortCellEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Status { get; set; } = "";

    public string Dimension { get; set; } = SnapshotRowKeys.CohortDimension;

    public string Month { get; set; } = "";

    public string Cohort { get; set; } = "";

    public int MonthsSinceStart { get; set; }

    public int ActiveCustomers { get; set; }

    public string Mrr { get; set; } = "";

    public static CohortCellEntity From(string tenant, KpiStatus status, CohortCell cell) => new()
    {
        PartitionKey = tenant,
        RowKey = SnapshotRowKeys.Cohort(cell.Month, cell.Cohort),
        Status = status.ToString(),
        Month = cell.Month.ToString(),
        Cohort = cell.Cohort.ToString(),
        MonthsSinceStart = cell.MonthsSinceStart,
        ActiveCustomers = cell.ActiveCustomers,
        Mrr = StoredDecimal.Format(cell.Mrr),
    };

    public CohortCell ToCell() => new(
        BillingMonth.Parse(Cohort),
        BillingMonth.Parse(Month),
        ActiveCustomers,
        StoredDecimal.Parse(Mrr, nameof(Mrr)));
}
