using Azure.Storage.Blobs;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>
/// A provisional refresh that runs while a close of the same month is in flight (no lease) against Azurite: the
/// committed version's snapshot blobs and KPI rows stay exactly what the close wrote.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CloseRefreshRaceStorageTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 4, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly CustomerMonthEnd[] ClosesSnapshot = [new("S", 100m, EverPaid: true)];
    private static readonly CustomerMovement[] ClosesMovements = [new("S", 0m, 100m, MovementType.New, 100m)];
    private static readonly CustomerMonthEnd[] RefreshSnapshot = [new("R", 70m, EverPaid: true), new("S", 100m, EverPaid: true)];
    private static readonly CustomerMovement[] RefreshMovements =
        [new("R", 0m, 70m, MovementType.New, 70m), new("S", 0m, 100m, MovementType.New, 100m)];

    private BlobContainerClient _container = null!;
    private BlobCloseArtifactStore _artifacts = null!;
    private TableKpiSnapshotStore _snapshots = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _container = storage.Blobs.GetBlobContainerClient(storage.Options.ClosesContainer);
        _artifacts = new BlobCloseArtifactStore(storage.Blobs, storage.Wrapped);
        _snapshots = new TableKpiSnapshotStore(storage.Tables, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ProvisionalWriteBetweenTheClosesArtifactsAndItsRecord_LandsInTheProvisionalFolderOnly()
    {
        var none = CancellationToken.None;
        var month = Samples.March2025;

        // The close writes version 1's blobs; a refresh (which also computes "version 1", the next one) lands before
        // the close's record, and once more after it, as a slow refresh would.
        await _artifacts.WriteAsync(Samples.Tenant, month, 1, ClosesSnapshot, ClosesMovements, none);
        await _artifacts.WriteProvisionalAsync(Samples.Tenant, month, RefreshSnapshot, RefreshMovements, none);
        await _snapshots.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(month, KpiStatus.Closed, mrr: 100m), none);
        await _artifacts.WriteProvisionalAsync(Samples.Tenant, month, RefreshSnapshot, RefreshMovements, none);

        Assert.Equal(ClosesSnapshot, await _artifacts.ReadClosingAsync(Samples.Tenant, month, 1, none));
        Assert.Equal(ClosesMovements, await _artifacts.ReadMovementsAsync(Samples.Tenant, month, 1, none));
        Assert.Equal(RefreshSnapshot, await _artifacts.ReadProvisionalClosingAsync(Samples.Tenant, month, none));
        Assert.Equal(RefreshMovements, await _artifacts.ReadProvisionalMovementsAsync(Samples.Tenant, month, none));
        var names = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "acme/2025-03/", none))
        {
            names.Add(blob.Name);
        }

        Assert.Equal(
            ["acme/2025-03/provisional/customers.json.gz", "acme/2025-03/provisional/movements.json.gz", "acme/2025-03/v1/customers.json.gz", "acme/2025-03/v1/movements.json.gz"],
            names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RefreshRowsBeforeAndAfterTheClosedHeadline_ClosedMonthKeepsOnlyTheClosesSegmentsAndCells()
    {
        var none = CancellationToken.None;
        var month = Samples.March2025;
        Assert.True(await _snapshots.WriteProvisionalAsync(Samples.Tenant, Samples.Snapshot(month, KpiStatus.Provisional, mrr: 170m), none));
        // The refresh's rows, written before the close's headline: a plan and a cohort the close does not have.
        Assert.True(await _snapshots.WriteSegmentsAsync(
            Samples.Tenant, month, KpiStatus.Provisional, 1, At, [Samples.Segment("plan", "pro", month, mrr: 70m)], none));
        Assert.True(await _snapshots.WriteCohortCellsAsync(
            Samples.Tenant, month, KpiStatus.Provisional, [new CohortCell(new BillingMonth(2025, 2), month, 1, 70m)], none));

        // The close: headline row first, then its segment rows and cohort cells.
        await _snapshots.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(month, KpiStatus.Closed, mrr: 100m), none);
        Assert.False(await _snapshots.WriteSegmentsAsync(
            Samples.Tenant, month, KpiStatus.Provisional, 1, At, [Samples.Segment("plan", "pro", month, mrr: 70m)], none));
        Assert.True(await _snapshots.WriteSegmentsAsync(
            Samples.Tenant, month, KpiStatus.Closed, 1, At, [Samples.Segment("plan", "basic", month, mrr: 100m)], none));
        Assert.True(await _snapshots.WriteCohortCellsAsync(
            Samples.Tenant, month, KpiStatus.Closed, [new CohortCell(new BillingMonth(2025, 1), month, 1, 100m)], none));

        // A refresh after the close: refused everywhere.
        Assert.False(await _snapshots.WriteProvisionalAsync(Samples.Tenant, Samples.Snapshot(month, KpiStatus.Provisional, mrr: 170m), none));
        Assert.False(await _snapshots.WriteSegmentsAsync(
            Samples.Tenant, month, KpiStatus.Provisional, 1, At, [Samples.Segment("plan", "pro", month, mrr: 70m)], none));
        Assert.False(await _snapshots.WriteCohortCellsAsync(
            Samples.Tenant, month, KpiStatus.Provisional, [new CohortCell(new BillingMonth(2025, 2), month, 1, 70m)], none));

        Assert.Equal((KpiStatus.Closed, 100m), ((await _snapshots.FindAsync(Samples.Tenant, month, none))!.Status, (await _snapshots.FindAsync(Samples.Tenant, month, none))!.Kpis.Mrr));
        var plans = await _snapshots.ListSegmentsAsync(Samples.Tenant, "plan", month, month, none);
        Assert.Equal([("basic", 100m, KpiStatus.Closed)], plans.Select(row => (row.Segment.Value, row.Segment.Kpis.Mrr, row.Status)));
        Assert.Equal([new CohortCell(new BillingMonth(2025, 1), month, 1, 100m)], await _snapshots.ListCohortCellsAsync(Samples.Tenant, none));
    }
}
