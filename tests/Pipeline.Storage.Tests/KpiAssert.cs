using Pipeline.Application.Kpis;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Tests;

/// <summary>Exact comparisons of KPI records, whose list members compare by reference in record equality.</summary>
internal static class KpiAssert
{
    public static void Equal(MonthlyKpis expected, MonthlyKpis actual)
    {
        Assert.Equal(expected.NativeMrr, actual.NativeMrr);
        Assert.Equal(expected with { NativeMrr = actual.NativeMrr }, actual);
    }

    public static void Equal(SegmentKpis expected, SegmentKpis actual)
    {
        Equal(expected.Kpis, actual.Kpis);
        Assert.Equal((expected.Dimension, expected.Value), (actual.Dimension, actual.Value));
    }

    public static void Equal(SegmentSnapshot expected, SegmentSnapshot actual)
    {
        Equal(expected.Segment, actual.Segment);
        Assert.Equal((expected.Status, expected.Version, expected.ComputedAt), (actual.Status, actual.Version, actual.ComputedAt));
    }
}
