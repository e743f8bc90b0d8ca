using Pipeline.Application.Kpis;

namespace Pipeline.Storage.Entities;

/// <summary>
/// A closed version's headline row of the <c>KpiSnapshots</c> table: PK tenant, RK <c>ver|yyyy-MM|v{version:D6}</c>, written
/// with the month's closed row and kept through reopens, so every version stays readable.
/// </summary>
/// <remarks>
/// Its time zone column is <see cref="VersionTimeZone"/>, not <c>BusinessTimeZone</c>: the monthly list asks the service
/// for rows with a <c>BusinessTimeZone</c>, so version rows (like segment rows) never reach it.
/// </remarks>
internal sealed class KpiVersionEntity : KpiFiguresEntity
{
    public string VersionTimeZone { get; set; } = "";

    public int DelinquencyDays { get; set; }

    public int DefinitionsVersion { get; set; }

    public static KpiVersionEntity From(string tenant, KpiSnapshot snapshot)
    {
        var entity = new KpiVersionEntity
        {
            PartitionKey = tenant,
            RowKey = SnapshotRowKeys.Version(snapshot.Kpis.Month, snapshot.Version),
            Status = snapshot.Status.ToString(),
            Version = snapshot.Version,
            ComputedAt = snapshot.ComputedAt,
            VersionTimeZone = snapshot.BusinessTimeZone,
            DelinquencyDays = snapshot.DelinquencyDays,
            DefinitionsVersion = snapshot.DefinitionsVersion,
        };
        KpiFiguresMapping.Write(entity, snapshot.Kpis);
        return entity;
    }

    public KpiSnapshot ToSnapshot() => new(
        KpiFiguresMapping.Read(this, SnapshotRowKeys.MonthOf(RowKey)),
        Enum.Parse<KpiStatus>(Status),
        Version,
        ComputedAt,
        VersionTimeZone,
        DelinquencyDays,
        DefinitionsVersion);
}
