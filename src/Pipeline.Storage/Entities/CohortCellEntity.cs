using Azure;
using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Entities;

/// <summary>
/// A cohort cell in a row of its own, as written before a month's cells shared one row (<see cref="CohortMonthRow"/>):
/// PK tenant, RK <c>coh|yyyy-MM|cohort=yyyy-MM</c> (month end, then cohort). Such rows are still read, and deleted by the
/// next write of their month.
/// </summary>
/// <remarks>
/// <see cref="Dimension"/> is always <c>cohort</c>. <see cref="MonthsSinceStart"/> was stored for BI tools only (it follows
/// from the months). MRR is an invariant decimal string at full precision.
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

    /// <summary>The cell of a row read untyped (the cohort rows of both layouts are read in one query).</summary>
    public static CohortCell Read(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new CohortCell(
            BillingMonth.Parse(row.GetString(nameof(Cohort)) ?? ""),
            BillingMonth.Parse(row.GetString(nameof(Month)) ?? ""),
            row.GetInt32(nameof(ActiveCustomers)) ?? 0,
            StoredDecimal.Parse(row.GetString(nameof(Mrr)), nameof(Mrr)));
    }
}
