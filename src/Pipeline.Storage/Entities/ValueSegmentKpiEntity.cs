using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Entities;

/// <summary>
/// A value segment row of a close version in the <c>CloseFigures</c> table (PK <c>{tenant}|valueSegment</c>, RK
/// <c>yyyy-MM|v000001|{segment}</c>), or the version's marker (RK <c>yyyy-MM|v000001</c>, no figures, <see cref="Segments"/> set).
/// </summary>
/// <remarks>The figures' columns are those of <see cref="KpiFiguresEntity"/>; the value is in <see cref="Value"/> as it is.</remarks>
internal sealed class ValueSegmentKpiEntity : KpiFiguresEntity
{
    public string Month { get; set; } = "";

    public string Value { get; set; } = "";

    /// <summary>On the marker: how many segment rows the version has.</summary>
    public int? Segments { get; set; }

    public static ValueSegmentKpiEntity Marker(TenantId tenant, BillingMonth month, int version, DateTimeOffset computedAt, int segments) => new()
    {
        PartitionKey = CloseFigureKeys.ValueSegmentPartition(tenant),
        RowKey = CloseFigureKeys.Version(month, version),
        Status = nameof(KpiStatus.Closed),
        Version = version,
        ComputedAt = computedAt,
        Month = month.ToString(),
        Segments = segments,
    };

    public static ValueSegmentKpiEntity From(TenantId tenant, int version, DateTimeOffset computedAt, SegmentKpis segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var month = segment.Kpis.Month;
        var entity = new ValueSegmentKpiEntity
        {
            PartitionKey = CloseFigureKeys.ValueSegmentPartition(tenant),
            RowKey = CloseFigureKeys.ValueSegment(month, version, segment.Value),
            Status = nameof(KpiStatus.Closed),
            Version = version,
            ComputedAt = computedAt,
            Month = month.ToString(),
            Value = segment.Value,
        };
        KpiFiguresMapping.Write(entity, segment.Kpis);
        return entity;
    }

    public SegmentSnapshot ToSnapshot() => new(
        new SegmentKpis(SegmentDimensions.ValueSegment, Value, KpiFiguresMapping.Read(this, BillingMonth.Parse(Month))),
        KpiStatus.Closed,
        Version,
        ComputedAt);
}
