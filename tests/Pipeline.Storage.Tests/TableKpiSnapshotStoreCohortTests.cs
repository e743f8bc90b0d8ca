using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage.Entities;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary><see cref="TableKpiSnapshotStore"/>'s cohort cells: a row a month (<c>coh|yyyy-MM</c>), and the rows a cell of the layout before.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableKpiSnapshotStoreCohortTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly BillingMonth January2025 = new(2025, 1);
    private static readonly BillingMonth February2025 = new(2025, 2);
    private static readonly BillingMonth March2025 = Samples.March2025;

    private TableClient _table = null!;
    private TableKpiSnapshotStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _table = storage.Tables.GetTableClient(storage.Options.KpiSnapshotsTable);
        _store = new TableKpiSnapshotStore(storage.Tables, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteCohortCellsAsync_ReadsBackExactlyByMonthThenCohort()
    {
        CohortCell[] march = [Cell(February2025, March2025, 4, 12.50m), Cell(January2025, March2025, 7, 62m / 3m)];
        CohortCell[] february = [Cell(February2025, February2025, 5, 0.000000000000000001m), Cell(January2025, February2025, 8, 0m)];

        Assert.True(await WriteAsync(March2025, KpiStatus.Closed, march));
        Assert.True(await WriteAsync(February2025, KpiStatus.Provisional, february));

        var read = await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None);
        Assert.Equal([february[1], february[0], march[1], march[0]], read);
        Assert.Equal("12.50", read[^1].Mrr.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WriteCohortCellsAsync_StoresTheMonthsCellsInOneRowWithNamedColumns()
    {
        await WriteAsync(March2025, KpiStatus.Closed, [Cell(February2025, March2025, 4, 12.50m), Cell(January2025, March2025, 7, 62m / 3m)]);

        var raw = _table.Query<TableEntity>().Single();

        Assert.Equal("coh|2025-03", raw.RowKey);
        Assert.Equal(("Closed", "2025-03", "cohort,active_customers,mrr", 2), (raw["Status"], raw["Month"], raw["Columns"], raw["CellCount"]));
        Assert.Equal("2025-01,7,20.666666666666666666666666667\n2025-02,4,12.50\n", raw["Cells"]);
    }

    [Fact]
    public async Task WriteCohortCellsAsync_ManyCohorts_ContinueInFurtherPropertiesAndReadBackExactly()
    {
        var (first, seen) = (new BillingMonth(1900, 1), new BillingMonth(2200, 1));
        var cells = Enumerable.Range(0, 2_700)
            .Select(index => Cell(first.PlusMonths(index), seen, 1_000_000 + index, 123_456_789.123456789m * index))
            .ToList();

        Assert.True(await WriteAsync(seen, KpiStatus.Provisional, cells));

        var raw = _table.Query<TableEntity>().Single();
        Assert.Equal(2_700, raw["CellCount"]);
        string[] properties = ["Cells", "Cells2", "Cells3", "Cells4"];
        Assert.All(properties, name => Assert.InRange(((string)raw[name]).Length, 1, CohortMonthRow.CharactersPerProperty));
        Assert.All(properties, name => Assert.EndsWith("\n", (string)raw[name], StringComparison.Ordinal));
        Assert.False(raw.ContainsKey("Cells5"));
        Assert.Equal(cells, await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None));
    }

    [Fact]
    public async Task ListCohortCellsAsync_CellRowsOfTheEarlierLayout_AreReadUntilTheirMonthIsWrittenAgain()
    {
        await _table.AddEntityAsync(CohortCellEntity.From(Samples.Tenant.Value, KpiStatus.Closed, Cell(January2025, February2025, 3, 30m)));
        await _table.AddEntityAsync(CohortCellEntity.From(Samples.Tenant.Value, KpiStatus.Provisional, Cell(January2025, March2025, 2, 20m)));
        await _table.AddEntityAsync(CohortCellEntity.From(Samples.Tenant.Value, KpiStatus.Provisional, Cell(February2025, March2025, 5, 50m)));

        Assert.Equal(
            [Cell(January2025, February2025, 3, 30m), Cell(January2025, March2025, 2, 20m), Cell(February2025, March2025, 5, 50m)],
            await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None));

        Assert.True(await WriteAsync(March2025, KpiStatus.Provisional, [Cell(February2025, March2025, 6, 60m)]));

        Assert.Equal(
            [Cell(January2025, February2025, 3, 30m), Cell(February2025, March2025, 6, 60m)],
            await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None));
        Assert.Equal(
            ["coh|2025-02|cohort=2025-01", "coh|2025-03"],
            _table.Query<TableEntity>().Select(row => row.RowKey).ToList());
    }

    [Fact]
    public async Task ListCohortCellsAsync_AMonthWithItsRowAndStaleCellRows_CountsEachCellOnce()
    {
        // What a write interrupted between its new row and the deletes leaves: the month's row wins.
        await WriteAsync(March2025, KpiStatus.Provisional, [Cell(January2025, March2025, 2, 20m)]);
        await _table.AddEntityAsync(CohortCellEntity.From(Samples.Tenant.Value, KpiStatus.Provisional, Cell(January2025, March2025, 9, 90m)));

        Assert.Equal([Cell(January2025, March2025, 2, 20m)], await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None));
    }

    [Fact]
    public async Task ListCohortCellsAsync_ALineThatIsNotACell_ThrowsNamingTheRowAndLine()
    {
        await WriteAsync(March2025, KpiStatus.Closed, [Cell(January2025, March2025, 7, 70m)]);
        var row = _table.Query<TableEntity>().Single();
        row["Cells"] = "2025-01,seven,70\n";
        await _table.UpdateEntityAsync(row, row.ETag);

        var error = await Assert.ThrowsAsync<FormatException>(() => _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None));

        Assert.Contains("coh|2025-03", error.Message, StringComparison.Ordinal);
        Assert.Contains("'2025-01,seven,70'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteCohortCellsAsync_SecondWriteWithFewerCells_DeletesOnlyThatMonthsStaleCells()
    {
        await WriteAsync(March2025, KpiStatus.Provisional, [Cell(January2025, March2025, 1, 1m), Cell(February2025, March2025, 2, 2m)]);
        await WriteAsync(February2025, KpiStatus.Provisional, [Cell(January2025, February2025, 3, 3m)]);
        await _store.WriteSegmentsAsync(
            Samples.Tenant, March2025, KpiStatus.Provisional, 1, DateTimeOffset.UnixEpoch, [Samples.Segment("plan", "pro", March2025)], CancellationToken.None);

        Assert.True(await WriteAsync(March2025, KpiStatus.Provisional, [Cell(February2025, March2025, 9, 9m)]));

        var read = await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None);
        Assert.Equal([Cell(January2025, February2025, 3, 3m), Cell(February2025, March2025, 9, 9m)], read);
        Assert.Single(await _store.ListSegmentsAsync(Samples.Tenant, "plan", null, null, CancellationToken.None));
    }

    [Fact]
    public async Task WriteSegmentsAsync_ReplacingSegments_LeavesTheCohortCellsAlone()
    {
        await WriteAsync(March2025, KpiStatus.Closed, [Cell(January2025, March2025, 1, 1m)]);

        await _store.WriteSegmentsAsync(Samples.Tenant, March2025, KpiStatus.Closed, 1, DateTimeOffset.UnixEpoch, [], CancellationToken.None);

        Assert.Single(await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None));
        Assert.Empty(await _store.ListSegmentsAsync(Samples.Tenant, "cohort", null, null, CancellationToken.None));
    }

    [Fact]
    public async Task WriteCohortCellsAsync_ProvisionalOverAClosedHeadline_ReturnsFalseAndWritesNothing()
    {
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(March2025, KpiStatus.Closed), CancellationToken.None);

        Assert.False(await WriteAsync(March2025, KpiStatus.Provisional, [Cell(January2025, March2025, 1, 1m)]));

        Assert.Empty(await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None));
    }

    [Fact]
    public async Task WriteCohortCellsAsync_ProvisionalOverClosedCells_ReturnsFalseAndKeepsThem()
    {
        await WriteAsync(March2025, KpiStatus.Closed, [Cell(January2025, March2025, 1, 1m)]);

        Assert.False(await WriteAsync(March2025, KpiStatus.Provisional, [Cell(February2025, March2025, 2, 2m)]));
        Assert.True(await WriteAsync(February2025, KpiStatus.Provisional, [Cell(January2025, February2025, 2, 2m)]));

        Assert.Equal(
            [Cell(January2025, February2025, 2, 2m), Cell(January2025, March2025, 1, 1m)],
            await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None));
    }

    [Fact]
    public async Task WriteCohortCellsAsync_CellOfAnotherMonth_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(March2025, KpiStatus.Closed, [Cell(January2025, February2025, 1, 1m)]));
    }

    [Fact]
    public async Task ListCohortCellsAsync_NoCells_ReturnsEmpty()
    {
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(March2025, KpiStatus.Closed), CancellationToken.None);

        Assert.Empty(await _store.ListCohortCellsAsync(Samples.Tenant, CancellationToken.None));
    }

    private static CohortCell Cell(BillingMonth cohort, BillingMonth month, int active, decimal mrr) => new(cohort, month, active, mrr);

    private Task<bool> WriteAsync(BillingMonth month, KpiStatus status, IReadOnlyList<CohortCell> cells) =>
        _store.WriteCohortCellsAsync(Samples.Tenant, month, status, cells, CancellationToken.None);
}
