using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage.Entities;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>
/// <see cref="TableKpiSnapshotMigration"/>: rows of the layout without kind prefixes (<c>yyyy-MM</c>, <c>yyyy-MM|…</c>) move to
/// the current one, read back as they were, and the old rows go only once the copy is there.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableKpiSnapshotMigrationTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly BillingMonth February2025 = new(2025, 2);
    private static readonly BillingMonth January2025 = new(2025, 1);

    private TableClient _table = null!;
    private TableKpiSnapshotStore _store = null!;
    private TableKpiChangeStamps _stamps = null!;
    private TableKpiSnapshotMigration _migration = null!;
    private TestStorage _storage = null!;

    public async Task InitializeAsync()
    {
        var storage = _storage = await TestStorage.CreateAsync(azurite);
        _table = storage.Tables.GetTableClient(storage.Options.KpiSnapshotsTable);
        _store = new TableKpiSnapshotStore(storage.Tables, storage.Wrapped);
        _stamps = new TableKpiChangeStamps(storage.Tables, storage.Wrapped);
        _migration = new TableKpiSnapshotMigration(storage.Tables, _stamps, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MigrateAsync_OldLayout_EveryKindReadsBackAsBeforeAndNoOldRowIsLeft()
    {
        await WriteTenantAsync();
        var before = await ReadAllAsync();
        var rows = await MoveToOldLayoutAsync();

        Assert.Empty((await ReadAllAsync()).Headlines);
        Assert.Equal([Samples.Tenant], await _migration.ListPendingAsync(CancellationToken.None));
        var result = await _migration.MigrateAsync(Samples.Tenant, CancellationToken.None);

        Assert.Equal(new KpiSnapshotMigrationResult(Samples.Tenant, rows, rows, 0, rows), result);
        Assert.True(result.Complete);
        AssertSame(before, await ReadAllAsync());
        Assert.Empty(OldKeys());
        Assert.Empty(await _migration.ListPendingAsync(CancellationToken.None));
        Assert.NotNull(await _stamps.ReadAsync(Samples.Tenant, CancellationToken.None));
    }

    [Fact]
    public async Task LayoutUpgrade_AtHostStart_MovesTheOldRowsAndMarksTheTable_ThenLaterStartsOnlyReadTheMarker()
    {
        await WriteTenantAsync();
        var before = await ReadAllAsync();
        await MoveToOldLayoutAsync();

        Assert.True(await RunUpgradeAsync());

        AssertSame(before, await ReadAllAsync());
        Assert.Empty(OldKeys());
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(KpiLayoutUpgrade.MarkerPartition, KpiLayoutUpgrade.MarkerRow);
        Assert.True(marker.HasValue);

        // Rows of the earlier layout planted after the marker (no host of this version writes them) are left alone: a start
        // costs one point read once the table has been upgraded.
        await MoveToOldLayoutAsync();
        Assert.True(await RunUpgradeAsync());
        Assert.NotEmpty(OldKeys());
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_MovesNothingAndChangesNothing()
    {
        await WriteTenantAsync();
        await MoveToOldLayoutAsync();
        await _migration.MigrateAsync(Samples.Tenant, CancellationToken.None);
        var keys = AllKeys();

        var again = await _migration.MigrateAsync(Samples.Tenant, CancellationToken.None);

        Assert.Equal(new KpiSnapshotMigrationResult(Samples.Tenant, 0, 0, 0, 0), again);
        Assert.Equal(keys, AllKeys());
    }

    [Fact]
    public async Task MigrateAsync_RunInterruptedAfterPartOfTheCopy_FinishesTheCopyAndDeletes()
    {
        await WriteTenantAsync();
        var before = await ReadAllAsync();
        var rows = await MoveToOldLayoutAsync();

        // A run that died after copying the segment rows of January (and before its headline rows, which go last).
        var copiedBefore = 0;
        foreach (var old in _table.Query<TableEntity>().Where(row => row.RowKey.StartsWith("2025-01|plan=", StringComparison.Ordinal)).ToList())
        {
            var copy = new TableEntity(old) { RowKey = "seg|" + old.RowKey };
            copy.Remove("odata.etag");
            copy.Remove("Timestamp");
            await _table.AddEntityAsync(copy);
            copiedBefore++;
        }

        var result = await _migration.MigrateAsync(Samples.Tenant, CancellationToken.None);

        Assert.Equal(new KpiSnapshotMigrationResult(Samples.Tenant, rows, rows - copiedBefore, copiedBefore, rows), result);
        AssertSame(before, await ReadAllAsync());
        Assert.Empty(OldKeys());
    }

    [Fact]
    public async Task MigrateAsync_MonthWrittenInTheNewLayoutSince_KeepsTheNewRowsAndDropsTheOldOnes()
    {
        await WriteTenantAsync();
        var rows = await MoveToOldLayoutAsync();

        // February was closed again (version 2) by a host of this version before the migration ran: its rows are the newer ones.
        await _store.WriteMonthAsync(
            Samples.Tenant, Samples.Snapshot(February2025, KpiStatus.Closed, mrr: 99m, version: 2), [Samples.Segment("plan", "new", February2025)], [],
            CancellationToken.None);

        var result = await _migration.MigrateAsync(Samples.Tenant, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(rows, result.Copied + result.Superseded);
        Assert.Equal((99m, 2), await FindAsync(February2025));
        Assert.Equal(["new"], (await _store.ListSegmentsAsync(Samples.Tenant, "plan", February2025, February2025, CancellationToken.None)).Select(row => row.Segment.Value));
        Assert.DoesNotContain(await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None), cell => cell.Month == February2025);
        Assert.Equal([1, 2], (await _store.ListVersionsAsync(Samples.Tenant, February2025, CancellationToken.None)).Select(version => version.Version));
        Assert.Equal((12_345.67m, 1), await FindAsync(January2025));
        Assert.Empty(OldKeys());
    }

    [Fact]
    public async Task MigrateAsync_OtherTenantsAndTheStampPartition_AreLeftAlone()
    {
        await WriteTenantAsync();
        await MoveToOldLayoutAsync();
        var globex = TenantId.Parse("globex");
        await _store.WriteClosedAsync(globex, Samples.Snapshot(January2025, KpiStatus.Closed), CancellationToken.None);
        await _stamps.ChangeAsync(globex, CancellationToken.None);
        var globexStamp = await _stamps.ReadAsync(globex, CancellationToken.None);

        await _migration.MigrateAsync(Samples.Tenant, CancellationToken.None);

        Assert.Equal(globexStamp, await _stamps.ReadAsync(globex, CancellationToken.None));
        Assert.Equal(["kpi|2025-01", "ver|2025-01|v000001"], _table.Query<TableEntity>(row => row.PartitionKey == "globex").Select(row => row.RowKey).ToList());
    }

    private async Task<(decimal Mrr, int Version)> FindAsync(BillingMonth month) =>
        await _store.FindAsync(Samples.Tenant, month, CancellationToken.None) is { } found ? (found.Kpis.Mrr, found.Version) : (0m, 0);

    /// <summary>Two closed months (February closed once, then reopened), each with segment rows and cohort cells.</summary>
    private async Task WriteTenantAsync()
    {
        foreach (var month in new[] { January2025, February2025 })
        {
            await _store.WriteMonthAsync(
                Samples.Tenant,
                Samples.Snapshot(month, KpiStatus.Closed),
                [Samples.Segment("plan", "basic", month, 10m), Samples.Segment("plan", "pro", month, 20m), Samples.Segment("country", "NL", month, 30m)],
                [new CohortCell(January2025, month, 3, 40m)],
                CancellationToken.None);
        }

        await _store.ReopenAsync(Samples.Tenant, February2025, 2, CancellationToken.None);
    }

    /// <summary>Rewrites every row of the tenant under the key it had before the kinds had prefixes; returns how many.</summary>
    private async Task<int> MoveToOldLayoutAsync()
    {
        var rows = _table.Query<TableEntity>(row => row.PartitionKey == Samples.Tenant.Value).ToList();
        foreach (var row in rows)
        {
            if (SnapshotRowKeys.IsCohortMonth(row.RowKey))
            {
                // Before the kinds had prefixes, a cohort cell had a row of its own.
                foreach (var cell in CohortMonthRow.Cells(row))
                {
                    var single = CohortCellEntity.From(row.PartitionKey, Enum.Parse<KpiStatus>(row.GetString("Status")), cell);
                    single.RowKey = single.RowKey[4..];
                    await _table.AddEntityAsync(single);
                }

                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
                continue;
            }

            var old = new TableEntity(row) { RowKey = row.RowKey[4..] };
            old.Remove("odata.etag");
            old.Remove("Timestamp");
            await _table.AddEntityAsync(old);
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        return rows.Count;
    }

    private List<string> OldKeys() =>
        AllKeys().Where(key => char.IsAsciiDigit(key[0])).ToList();

    private List<string> AllKeys() =>
        _table.Query<TableEntity>(row => row.PartitionKey == Samples.Tenant.Value).Select(row => row.RowKey).ToList();

    private async Task<TenantRows> ReadAllAsync() => new(
        await _store.ListAsync(Samples.Tenant, null, null, CancellationToken.None),
        [.. await _store.ListSegmentsAsync(Samples.Tenant, "plan", null, null, CancellationToken.None),
            .. await _store.ListSegmentsAsync(Samples.Tenant, "country", null, null, CancellationToken.None)],
        await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None),
        [.. await _store.ListVersionsAsync(Samples.Tenant, January2025, CancellationToken.None),
            .. await _store.ListVersionsAsync(Samples.Tenant, February2025, CancellationToken.None)]);

    private static void AssertSame(TenantRows expected, TenantRows actual)
    {
        Assert.Equal(2, expected.Headlines.Count);
        Assert.Equal(expected.Headlines.Select(Describe), actual.Headlines.Select(Describe));
        Assert.Equal(6, expected.Segments.Count);
        Assert.Equal(
            expected.Segments.Select(row => (row.Segment.Dimension, row.Segment.Value, row.Segment.Kpis.Month, row.Segment.Kpis.Mrr, row.Status, row.Version)),
            actual.Segments.Select(row => (row.Segment.Dimension, row.Segment.Value, row.Segment.Kpis.Month, row.Segment.Kpis.Mrr, row.Status, row.Version)));
        Assert.Equal(2, expected.Cells.Count);
        Assert.Equal(expected.Cells, actual.Cells);
        Assert.Equal(2, expected.Versions.Count);
        Assert.Equal(expected.Versions.Select(Describe), actual.Versions.Select(Describe));
        for (var index = 0; index < expected.Headlines.Count; index++)
        {
            KpiAssert.Equal(expected.Headlines[index].Kpis, actual.Headlines[index].Kpis);
        }
    }

    private static (BillingMonth, KpiStatus, int, decimal, DateTimeOffset) Describe(KpiSnapshot snapshot) =>
        (snapshot.Kpis.Month, snapshot.Status, snapshot.Version, snapshot.Kpis.Mrr, snapshot.ComputedAt);

    private sealed record TenantRows(
        IReadOnlyList<KpiSnapshot> Headlines, IReadOnlyList<SegmentSnapshot> Segments, IReadOnlyList<CohortCell> Cells, IReadOnlyList<KpiSnapshot> Versions);

    /// <summary>Starts the host start-up upgrade as a host would and waits until it has finished.</summary>
    private async Task<bool> RunUpgradeAsync()
    {
        var migration = new KpiStorageMigrationService(_migration, new TableCloseLog(_storage.Tables, _storage.Wrapped), TimeProvider.System);
        using var upgrade = new KpiLayoutUpgrade(
            _storage.Tables, _storage.Wrapped, migration, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<KpiLayoutUpgrade>.Instance);
        await upgrade.StartAsync(CancellationToken.None);
        var finished = await upgrade.Finished.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await upgrade.StopAsync(CancellationToken.None);
        return finished;
    }
}
