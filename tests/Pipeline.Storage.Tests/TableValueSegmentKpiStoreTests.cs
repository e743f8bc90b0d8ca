using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>The value segment rows of close versions in the <c>CloseFigures</c> table: exact round trip, insert-only, per version.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableValueSegmentKpiStoreTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 4, 3, 6, 0, 0, TimeSpan.Zero);
    private static readonly BillingMonth April = new(2025, 4);
    private TableValueSegmentKpiStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _store = new TableValueSegmentKpiStore(storage.Tables, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteAsync_TwoVersions_EachReadBackExactlyByMonthAndVersion_ASecondWriteKeepsTheFirst()
    {
        var key = Samples.Segment(SegmentDimensions.ValueSegment, SegmentDimensions.Key, Samples.March2025, 1_000.123456789m) with
        {
            Kpis = Samples.FullKpis(Samples.March2025, 1_000.123456789m),
        };
        var basic = Samples.Segment(SegmentDimensions.ValueSegment, SegmentDimensions.Basic, Samples.March2025, 234.5m);
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, At, [key, basic], CancellationToken.None);
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 2, At.AddDays(1), [basic], CancellationToken.None);
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, At.AddDays(2), [basic], CancellationToken.None);
        await _store.WriteAsync(Samples.Tenant, April, 1, At, [], CancellationToken.None);

        var stored = await _store.ListAsync(Samples.Tenant, Samples.March2025, Samples.March2025, CancellationToken.None);

        Assert.Equal([(Samples.March2025, 1), (Samples.March2025, 2)], stored.Keys.Order());
        var first = stored[(Samples.March2025, 1)];
        Assert.Equal(["basic", "key"], first.Select(row => row.Segment.Value));
        KpiAssert.Equal(new SegmentSnapshot(basic, KpiStatus.Closed, 1, At), first[0]);
        KpiAssert.Equal(new SegmentSnapshot(key, KpiStatus.Closed, 1, At), first[1]);
        KpiAssert.Equal(new SegmentSnapshot(basic, KpiStatus.Closed, 2, At.AddDays(1)), Assert.Single(stored[(Samples.March2025, 2)]));
        var all = await _store.ListAsync(Samples.Tenant, null, null, CancellationToken.None);
        Assert.Equal(3, all.Count);
        Assert.Empty(all[(April, 1)]);
        Assert.Empty(await _store.ListAsync(TenantId.Parse("globex"), null, null, CancellationToken.None));
    }
}
