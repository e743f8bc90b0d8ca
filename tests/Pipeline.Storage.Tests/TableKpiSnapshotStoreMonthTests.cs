using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage.Entities;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>
/// <see cref="TableKpiSnapshotStore.WriteMonthAsync"/>: a month's headline row, segment rows and cohort cells in one
/// read and as few transactions as fit, with the same rules as the three separate writes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableKpiSnapshotStoreMonthTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly BillingMonth March = Samples.March2025;
    private static readonly CancellationToken None = CancellationToken.None;

    private TableKpiSnapshotStore _store = null!;
    private TestStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _storage = await TestStorage.CreateAsync(azurite);
        _store = new TableKpiSnapshotStore(_storage.Tables, _storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Open_SecondWriteWithFewerRows_ReplacesTheHeadlineAndDeletesTheStaleSegmentsAndCells()
    {
        Assert.True(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: 170m),
            [Plan("basic", 100m), Plan("pro", 70m)], [Cell(1, 100m), Cell(2, 70m)], None));

        Assert.True(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: 100m),
            [Plan("basic", 100m)], [Cell(1, 100m)], None));

        Assert.Equal((KpiStatus.Provisional, 100m), await HeadlineAsync());
        Assert.Equal([("basic", 100m, KpiStatus.Provisional)], await PlansAsync());
        Assert.Equal([Cell(1, 100m)], await _store.ListCohortCellsAsync(Samples.Tenant, None));
    }

    [Fact]
    public async Task Open_OverAClosedMonth_ReturnsFalseAndWritesNothing()
    {
        await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Closed, mrr: 100m), [Plan("basic", 100m)], [Cell(1, 100m)], None);

        Assert.False(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: 170m),
            [Plan("pro", 70m)], [Cell(2, 70m)], None));

        Assert.Equal((KpiStatus.Closed, 100m), await HeadlineAsync());
        Assert.Equal([("basic", 100m, KpiStatus.Closed)], await PlansAsync());
        Assert.Equal([Cell(1, 100m)], await _store.ListCohortCellsAsync(Samples.Tenant, None));
        Assert.Equal([1], (await _store.ListVersionsAsync(Samples.Tenant, March, None)).Select(version => version.Version));
    }

    [Fact]
    public async Task Open_MonthTheCallerSawAbsent_IsInsertedWhole()
    {
        Assert.True(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: 170m),
            [Plan("basic", 100m), Plan("pro", 70m)], [Cell(1, 100m)], None, monthAbsent: true));

        Assert.Equal((KpiStatus.Provisional, 170m), await HeadlineAsync());
        Assert.Equal([("basic", 100m, KpiStatus.Provisional), ("pro", 70m, KpiStatus.Provisional)], await PlansAsync());
        Assert.Equal([Cell(1, 100m)], await _store.ListCohortCellsAsync(Samples.Tenant, None));
    }

    [Fact]
    public async Task Open_MonthTheCallerSawAbsent_TakesOneRequestInsteadOfTheReadsAndTheTransaction()
    {
        var requests = new RequestCount();
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(requests, Azure.Core.HttpPipelinePosition.PerCall);
        var store = new TableKpiSnapshotStore(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString, options), _storage.Wrapped);
        var april = new BillingMonth(2025, 4);

        await store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional), [Plan("basic", 1m)], [Cell(1, 1m)], None, monthAbsent: true);
        var inserted = requests.Count;
        await store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(april, KpiStatus.Provisional), [], [], None);

        // The hint: one transaction. Without it: the headline read and a range query per kind, then the transaction.
        Assert.Equal((1, 4), (inserted, requests.Count - inserted));
    }

    [Fact]
    public async Task Open_MonthTheCallerSawAbsentButWrittenSince_IsReplacedAsUsual()
    {
        await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: 170m),
            [Plan("basic", 100m), Plan("pro", 70m)], [Cell(1, 100m), Cell(2, 70m)], None);

        Assert.True(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: 100m),
            [Plan("basic", 100m)], [], None, monthAbsent: true));

        Assert.Equal((KpiStatus.Provisional, 100m), await HeadlineAsync());
        Assert.Equal([("basic", 100m, KpiStatus.Provisional)], await PlansAsync());
        Assert.Empty(await _store.ListCohortCellsAsync(Samples.Tenant, None));
    }

    [Fact]
    public async Task Open_MonthTheCallerSawAbsentButClosedSince_ReturnsFalseAndWritesNothing()
    {
        await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Closed, mrr: 100m), [Plan("basic", 100m)], [Cell(1, 100m)], None);

        Assert.False(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: 170m),
            [Plan("pro", 70m)], [Cell(2, 70m)], None, monthAbsent: true));

        Assert.Equal((KpiStatus.Closed, 100m), await HeadlineAsync());
        Assert.Equal([("basic", 100m, KpiStatus.Closed)], await PlansAsync());
        Assert.Equal([Cell(1, 100m)], await _store.ListCohortCellsAsync(Samples.Tenant, None));
    }

    [Fact]
    public async Task Closed_OverAProvisionalMonth_ReplacesEveryRowAndKeepsTheVersionRow()
    {
        await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: 170m),
            [Plan("basic", 100m), Plan("pro", 70m)], [Cell(1, 100m), Cell(2, 70m)], None);

        Assert.True(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Closed, mrr: 100m),
            [Plan("basic", 100m)], [Cell(1, 100m)], None));

        Assert.Equal((KpiStatus.Closed, 100m), await HeadlineAsync());
        Assert.Equal([("basic", 100m, KpiStatus.Closed)], await PlansAsync());
        Assert.Equal([Cell(1, 100m)], await _store.ListCohortCellsAsync(Samples.Tenant, None));
        Assert.Equal(100m, (await _store.FindVersionAsync(Samples.Tenant, March, 1, None))!.Kpis.Mrr);
    }

    [Fact]
    public async Task Closed_WithoutCohortCells_OverAProvisionalMonthWithCells_LeavesTheMonthWithNone()
    {
        await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: 170m),
            [Plan("basic", 100m)], [Cell(1, 100m), Cell(2, 70m)], None);

        Assert.True(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Closed, mrr: 0m), [], [], None));

        Assert.Empty(await _store.ListCohortCellsAsync(Samples.Tenant, None));
        Assert.Empty(await PlansAsync());
    }

    [Fact]
    public async Task Closed_OverCellRowsOfTheEarlierLayout_ReadsOnlyTheClosedCells()
    {
        // Cell rows an earlier version wrote one each: the closed month's row makes readers pass over them.
        var table = _storage.Tables.GetTableClient(_storage.Options.KpiSnapshotsTable);
        await table.AddEntityAsync(CohortCellEntity.From(Samples.Tenant.Value, KpiStatus.Provisional, Cell(2, 70m)));

        Assert.True(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Closed, mrr: 100m), [Plan("basic", 100m)], [Cell(1, 100m)], None));

        Assert.Equal([Cell(1, 100m)], await _store.ListCohortCellsAsync(Samples.Tenant, None));
    }

    [Theory]
    [InlineData(KpiStatus.Provisional)]
    [InlineData(KpiStatus.Closed)]
    public async Task MoreRowsThanOneTransactionHolds_AllWrittenThenTheStaleOnesDeleted(KpiStatus status)
    {
        var plans = Enumerable.Range(0, 180).Select(index => Plan($"plan-{index:D3}", index)).ToList();
        var cells = Enumerable.Range(1, 2).Select(month => Cell(month, month)).ToList();

        Assert.True(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, status), plans, cells, None));
        Assert.Equal(180, (await PlansAsync()).Count);
        Assert.True(await _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, status), plans.Take(20).ToList(), cells.Take(1).ToList(), None));

        Assert.Equal(plans.Take(20).Select(plan => (plan.Value, plan.Kpis.Mrr, status)), await PlansAsync());
        Assert.Equal([Cell(1, 1m)], await _store.ListCohortCellsAsync(Samples.Tenant, None));
        Assert.Equal(status, (await _store.FindAsync(Samples.Tenant, March, None))!.Status);
    }

    [Fact]
    public async Task OpenWritesRacingAClose_NeverOverwriteTheClosedRows()
    {
        var refreshes = Enumerable.Range(1, 6).Select(index => _store.WriteMonthAsync(
            Samples.Tenant, Samples.Snapshot(March, KpiStatus.Provisional, mrr: index), [Plan("basic", index), Plan($"p{index}", index)], [Cell(2, index)], None));
        var close = _store.WriteMonthAsync(Samples.Tenant, Samples.Snapshot(March, KpiStatus.Closed, mrr: 100m), [Plan("basic", 100m)], [Cell(1, 100m)], None);

        await Task.WhenAll([.. refreshes, close]);

        // Whatever a refresh wrote before the close is replaced by it; every refresh after it gave up.
        Assert.Equal((KpiStatus.Closed, 100m), await HeadlineAsync());
        Assert.Equal([("basic", 100m, KpiStatus.Closed)], await PlansAsync());
        Assert.Equal([Cell(1, 100m)], await _store.ListCohortCellsAsync(Samples.Tenant, None));
    }

    private static SegmentKpis Plan(string value, decimal mrr) => Samples.Segment("plan", value, March, mrr);

    private static CohortCell Cell(int cohortMonth, decimal mrr) => new(new BillingMonth(2025, cohortMonth), March, 1, mrr);

    private async Task<(KpiStatus, decimal)> HeadlineAsync()
    {
        var row = await _store.FindAsync(Samples.Tenant, March, None);
        return (row!.Status, row.Kpis.Mrr);
    }

    private async Task<List<(string, decimal, KpiStatus)>> PlansAsync() =>
        [.. (await _store.ListSegmentsAsync(Samples.Tenant, "plan", null, null, None)).Select(row => (row.Segment.Value, row.Segment.Kpis.Mrr, row.Status))];

    /// <summary>Counts the requests a client sends.</summary>
    private sealed class RequestCount : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => _count;

        public override void OnSendingRequest(Azure.Core.HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
