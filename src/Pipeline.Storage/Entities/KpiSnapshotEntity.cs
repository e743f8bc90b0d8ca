using Azure;
using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Entities;

/// <summary>A month row of the <c>KpiSnapshots</c> table: PK tenant, RK <c>yyyy-MM</c>.</summary>
/// <remarks>
/// Amounts are invariant decimal strings at full precision (Table Storage has no decimal type and a double would
/// lose cents); counts are Int32. Derived figures (ARR, rates) are not stored: they follow from these.
/// </remarks>
internal sealed class KpiSnapshotEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Status { get; set; } = "";

    public int Version { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    public string BusinessTimeZone { get; set; } = "";

    public int DelinquencyDays { get; set; }

    public int DefinitionsVersion { get; set; }

    public string Currency { get; set; } = "";

    public string StartMrr { get; set; } = "";

    public string Mrr { get; set; } = "";

    public string NewMrr { get; set; } = "";

    public string ExpansionMrr { get; set; } = "";

    public string ReactivationMrr { get; set; } = "";

    public string ContractionMrr { get; set; } = "";

    public string ChurnedMrr { get; set; } = "";

    public string DelinquentChurnedMrr { get; set; } = "";

    public int StartCustomers { get; set; }

    public int Customers { get; set; }

    public int NewCustomers { get; set; }

    public int ReactivatedCustomers { get; set; }

    public int ChurnedCustomers { get; set; }

    public int SubscribedAndChurned { get; set; }

    public static KpiSnapshotEntity From(string tenant, KpiSnapshot snapshot)
    {
        var kpis = snapshot.Kpis;
        return new()
        {
            PartitionKey = tenant,
            RowKey = kpis.Month.ToString(),
            Status = snapshot.Status.ToString(),
            Version = snapshot.Version,
            ComputedAt = snapshot.ComputedAt,
            BusinessTimeZone = snapshot.BusinessTimeZone,
            DelinquencyDays = snapshot.DelinquencyDays,
            DefinitionsVersion = snapshot.DefinitionsVersion,
            Currency = kpis.Currency.Code,
            StartMrr = StoredDecimal.Format(kpis.StartMrr),
            Mrr = StoredDecimal.Format(kpis.Mrr),
            NewMrr = StoredDecimal.Format(kpis.NewMrr),
            ExpansionMrr = StoredDecimal.Format(kpis.ExpansionMrr),
            ReactivationMrr = StoredDecimal.Format(kpis.ReactivationMrr),
            ContractionMrr = StoredDecimal.Format(kpis.ContractionMrr),
            ChurnedMrr = StoredDecimal.Format(kpis.ChurnedMrr),
            DelinquentChurnedMrr = StoredDecimal.Format(kpis.DelinquentChurnedMrr),
            StartCustomers = kpis.StartCustomers,
            Customers = kpis.Customers,
            NewCustomers = kpis.NewCustomers,
            ReactivatedCustomers = kpis.ReactivatedCustomers,
            ChurnedCustomers = kpis.ChurnedCustomers,
            SubscribedAndChurned = kpis.SubscribedAndChurned,
        };
    }

    public KpiSnapshot ToSnapshot() => new(
        ToKpis(),
        Enum.Parse<KpiStatus>(Status),
        Version,
        ComputedAt,
        BusinessTimeZone,
        DelinquencyDays,
        DefinitionsVersion);

    private MonthlyKpis ToKpis() => new()
    {
        Month = BillingMonth.Parse(RowKey),
        Currency = CurrencyCode.Parse(Currency),
        StartMrr = StoredDecimal.Parse(StartMrr, nameof(StartMrr)),
        Mrr = StoredDecimal.Parse(Mrr, nameof(Mrr)),
        NewMrr = StoredDecimal.Parse(NewMrr, nameof(NewMrr)),
        ExpansionMrr = StoredDecimal.Parse(ExpansionMrr, nameof(ExpansionMrr)),
        ReactivationMrr = StoredDecimal.Parse(ReactivationMrr, nameof(ReactivationMrr)),
        ContractionMrr = StoredDecimal.Parse(ContractionMrr, nameof(ContractionMrr)),
        ChurnedMrr = StoredDecimal.Parse(ChurnedMrr, nameof(ChurnedMrr)),
        DelinquentChurnedMrr = StoredDecimal.Parse(DelinquentChurnedMrr, nameof(DelinquentChurnedMrr)),
        StartCustomers = StartCustomers,
        Customers = Customers,
        NewCustomers = NewCustomers,
        ReactivatedCustomers = ReactivatedCustomers,
        ChurnedCustomers = ChurnedCustomers,
        SubscribedAndChurned = SubscribedAndChurned,
    };
}
