using Pipeline.Application.Kpis;

namespace Pipeline.Storage.Entities;

/// <summary>A month's headline row of the <c>KpiSnapshots</c> table: PK tenant, RK <c>kpi|yyyy-MM</c>.</summary>
/// <remarks>The figures' columns and encodings are those of <see cref="KpiFiguresEntity"/>.</remarks>
internal sealed class KpiSnapshotEntity : KpiFiguresEntity
{
    public string BusinessTimeZone { get; set; } = "";

    public int DelinquencyDays { get; set; }

    public int DefinitionsVersion { get; set; }

    /// <summary>When the figures are measured before the month's end (the data horizon); null at the month's end.</summary>
    public DateTimeOffset? AsOf { get; set; }

    /// <summary>For a provisional row: the fingerprint of everything its refresh wrote for the month (<see cref="KpiSnapshot.ContentHash"/>).</summary>
    public string? ContentHash { get; set; }

    public static KpiSnapshotEntity From(string tenant, KpiSnapshot snapshot)
    {
        var entity = new KpiSnapshotEntity
        {
            PartitionKey = tenant,
            RowKey = SnapshotRowKeys.Month(snapshot.Kpis.Month),
            Status = snapshot.Status.ToString(),
            Version = snapshot.Version,
            ComputedAt = snapshot.ComputedAt,
            BusinessTimeZone = snapshot.BusinessTimeZone,
            DelinquencyDays = snapshot.DelinquencyDays,
            DefinitionsVersion = snapshot.DefinitionsVersion,
            AsOf = snapshot.AsOf,
            ContentHash = snapshot.ContentHash,
        };
        KpiFiguresMapping.Write(entity, snapshot.Kpis);
        return entity;
    }

    public KpiSnapshot ToSnapshot() => new(
        KpiFiguresMapping.Read(this, SnapshotRowKeys.MonthOf(RowKey)),
        Enum.Parse<KpiStatus>(Status),
        Version,
        ComputedAt,
        BusinessTimeZone,
        DelinquencyDays,
        DefinitionsVersion)
    {
        AsOf = AsOf,
        ContentHash = ContentHash,
    };
}
