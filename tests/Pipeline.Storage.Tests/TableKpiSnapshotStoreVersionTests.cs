using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>Closed versions of a month stay readable; a reopen makes the current rows provisional again.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableKpiSnapshotStoreVersionTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset ComputedAt = new(2025, 4, 3, 2, 0, 0, TimeSpan.Zero);
    private TableKpiSnapshotStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _store = new TableKpiSnapshotStore(storage.Tables, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReopenAndReclose_BothVersionsReadableAndTheMonthlyListShowsOnlyCurrentRows()
    {
        var march = Samples.March2025;
        var april = new BillingMonth(2025, 4);
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(march, KpiStatus.Closed, mrr: 100m), CancellationToken.None);
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(april, KpiStatus.Closed, mrr: 90m), CancellationToken.None);
        await _store.WriteSegmentsAsync(Samples.Tenant, march, KpiStatus.Closed, 1, ComputedAt, [Samples.Segment("plan", "basic", march, 100m)], CancellationToken.None);
        await _store.WriteCohortCellsAsync(Samples.Tenant, march, KpiStatus.Closed, [new Domain.Metrics.CohortCell(march, march, 2, 100m)], CancellationToken.None);

        await _store.ReopenAsync(Samples.Tenant, march, 2, CancellationToken.None);

        var reopened = (await _store.FindAsync(Samples.Tenant, march, CancellationToken.None))!;
        Assert.Equal((KpiStatus.Provisional, 2, 100m), (reopened.Status, reopened.Version, reopened.Kpis.Mrr));
        var segment = Assert.Single(await _store.ListSegmentsAsync(Samples.Tenant, "plan", march, march, CancellationToken.None));
        Assert.Equal((KpiStatus.Provisional, 2), (segment.Status, segment.Version));
        Assert.True(await _store.WriteProvisionalAsync(Samples.Tenant, Samples.Snapshot(march, KpiStatus.Provisional, mrr: 70m, version: 2), CancellationToken.None));
        Assert.True(await _store.WriteCohortCellsAsync(Samples.Tenant, march, KpiStatus.Provisional, [], CancellationToken.None));

        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(march, KpiStatus.Closed, mrr: 70m, version: 2), CancellationToken.None);

        Assert.Equal([(1, 100m), (2, 70m)],
            (await _store.ListVersionsAsync(Samples.Tenant, march, CancellationToken.None)).Select(row => (row.Version, row.Kpis.Mrr)));
        Assert.Equal(100m, (await _store.FindVersionAsync(Samples.Tenant, march, 1, CancellationToken.None))!.Kpis.Mrr);
        Assert.Null(await _store.FindVersionAsync(Samples.Tenant, march, 3, CancellationToken.None));
        Assert.Equal([("2025-03", KpiStatus.Closed, 2, 70m), ("2025-04", KpiStatus.Closed, 1, 90m)],
            (await _store.ListAsync(Samples.Tenant, null, null, CancellationToken.None))
                .Select(row => (row.Kpis.Month.ToString(), row.Status, row.Version, row.Kpis.Mrr)));
        Assert.Equal([("2025-04", 90m)],
            (await _store.ListAsync(Samples.Tenant, april, april, CancellationToken.None)).Select(row => (row.Kpis.Month.ToString(), row.Kpis.Mrr)));
    }
}
