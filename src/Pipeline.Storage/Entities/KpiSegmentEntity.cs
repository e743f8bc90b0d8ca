using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Entities;

/// <summary>A segment row of the <c>KpiSnapshots</c> table: PK tenant, RK <c>seg|yyyy-MM|dimension=value</c> (see <see cref="SnapshotRowKeys"/>).</summary>
/// <remarks>
/// The key holds dimension and value escaped; <see cref="Dimension"/> and <see cref="Value"/> hold them as they are,
/// for readers and for the dimension filter, and <see cref="Month"/> repeats the key's month. The figures' columns
/// are those of <see cref="KpiFiguresEntity"/>.
/// </remarks>
internal sealed class KpiSegmentEntity : KpiFiguresEntity
{
    public string Month { get; set; } = "";

    public string Dimension { get; set; } = "";

    public string Value { get; set; } = "";

    public static KpiSegmentEntity From(
        string tenant, KpiStatus status, int version, DateTimeOffset computedAt, SegmentKpis segment)
    {
        var month = segment.Kpis.Month;
        var entity = new KpiSegmentEntity
        {
            PartitionKey = tenant,
            RowKey = SnapshotRowKeys.Segment(month, segment.Dimension, segment.Value),
            Status = status.ToString(),
            Version = version,
            ComputedAt = computedAt,
            Month = month.ToString(),
            Dimension = segment.Dimension,
            Value = segment.Value,
        };
        KpiFiguresMapping.Write(entity, segment.Kpis);
        return entity;
    }

    public SegmentSnapshot ToSnapshot() => new(
        new SegmentKpis(Dimension, Value, KpiFiguresMapping.Read(this, BillingMonth.Parse(Month))),
        Enum.Parse<KpiStatus>(Status),
        Version,
        ComputedAt);
}
