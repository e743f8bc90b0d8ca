using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>The KPI change stamp on Azurite: renewed by every kind of write, invisible to the tenant's row queries.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StampedKpiSnapshotStoreTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private TableKpiSnapshotStore _table = null!;
    private TableKpiChangeStamps _stamps = null!;
    private StampedKpiSnapshotStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _table = new TableKpiSnapshotStore(storage.Tables, storage.Wrapped);
        _stamps = new TableKpiChangeStamps(storage.Tables, storage.Wrapped);
        _store = new StampedKpiSnapshotStore(_table, _stamps);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Writes_CloseProvisionalReopenAndMonth_EachRenewsTheStamp()
    {
        Assert.Null(await _stamps.ReadAsync(Samples.Tenant, CancellationToken.None));
        var seen = new List<string?>();
        async Task StampAsync() => seen.Add(await _stamps.ReadAsync(Samples.Tenant, CancellationToken.None));

        await _store.WriteProvisionalAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Provisional), CancellationToken.None);
        await StampAsync();
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None);
        await StampAsync();
        await _store.ReopenAsync(Samples.Tenant, Samples.March2025, 2, CancellationToken.None);
        await StampAsync();
        await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Provisional) with { Version = 2 }, [], [], CancellationToken.None);
        await StampAsync();
        await _store.WriteSegmentsAsync(Samples.Tenant, Samples.March2025, KpiStatus.Provisional, 2, DateTimeOffset.UnixEpoch, [], CancellationToken.None);
        await StampAsync();

        Assert.All(seen, Assert.NotNull);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task ChangeAsync_TellsThisProcessTheStampItWrote()
    {
        var told = new List<(TenantId Tenant, string Stamp)>();
        _stamps.Changed += (tenant, stamp) => told.Add((tenant, stamp));

        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None);
        var first = await _stamps.ReadAsync(Samples.Tenant, CancellationToken.None);
        await _store.ReopenAsync(Samples.Tenant, Samples.March2025, 2, CancellationToken.None);
        var second = await _stamps.ReadAsync(Samples.Tenant, CancellationToken.None);

        Assert.Equal([(Samples.Tenant, first!), (Samples.Tenant, second!)], told);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ListAsync_TenantWithAStamp_OnlyItsMonthRows()
    {
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None);

        var rows = await _store.ListAsync(Samples.Tenant, null, null, CancellationToken.None);
        var cells = await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None);

        Assert.Equal([Samples.March2025], rows.Select(row => row.Kpis.Month));
        Assert.Empty(cells);
        Assert.Empty(await _store.ListAsync(TenantId.Parse("acme-state"), null, null, CancellationToken.None));
    }
}
