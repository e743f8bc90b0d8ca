using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary><see cref="TableKpiSnapshotStore"/>'s segment rows: <c>seg|yyyy-MM|dimension=value</c>.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableKpiSnapshotStoreSegmentTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset ComputedAt = new(2025, 4, 3, 2, 0, 0, 1, TimeSpan.Zero);
    private static readonly BillingMonth April2025 = new(2025, 4);

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
    public async Task WriteSegmentsAsync_AwkwardValues_ReadBackExactlyOrderedByValue()
    {
        string[] values = ["pro/annual #2", "100% ?", "東京 – Zürich ✓", "(none)", "<100", ">=1000", "a\\b~7E'c", "tab\there", "a|b=c"];
        var segments = values.Select((value, index) => Samples.Segment("plan", value, Samples.March2025, mrr: index + 0.5m)).ToList();

        Assert.True(await WriteAsync(Samples.March2025, KpiStatus.Closed, segments));

        var read = await _store.ListSegmentsAsync(Samples.Tenant, "plan", null, null, CancellationToken.None);
        Assert.Equal(values.Order(StringComparer.Ordinal), read.Select(row => row.Segment.Value));
        foreach (var segment in segments)
        {
            KpiAssert.Equal(new SegmentSnapshot(segment, KpiStatus.Closed, 3, ComputedAt), read.Single(row => row.Segment.Value == segment.Value));
        }
    }

    [Fact]
    public async Task WriteSegmentsAsync_RowKeysAvoidForbiddenCharactersAndKeepTheReadableValue()
    {
        await WriteAsync(Samples.March2025, KpiStatus.Closed, [Samples.Segment("plan", "a/b#c%d?e\\f\u0001~", Samples.March2025)]);

        var raw = _table.Query<TableEntity>().Single();

        Assert.Equal("seg|2025-03|plan=a~2Fb~23c~25d~3Fe~5Cf~01~7E", raw.RowKey);
        Assert.Equal(("a/b#c%d?e\\f\u0001~", "plan", "2025-03"), (raw["Value"], raw["Dimension"], raw["Month"]));
        Assert.Equal(raw.RowKey, TableStorageLimits.ValidateKey(raw.RowKey, "rowKey"));
    }

    [Fact]
    public async Task WriteSegmentsAsync_LabelsLongerThanAKeyAllows_StoredUnderBoundedDistinctKeysAndReadBackWhole()
    {
        // Hardening item 4: a 600-character plan made the file Failed ("A table key must be 1-512 characters").
        var (long1, long2) = (new string('x', 600) + "-a", new string('x', 600) + "-b");

        Assert.True(await WriteAsync(Samples.March2025, KpiStatus.Closed, [Samples.Segment("plan", long1, Samples.March2025), Samples.Segment("plan", long2, Samples.March2025, mrr: 2m)]));

        var keys = _table.Query<TableEntity>().Select(row => row.RowKey).ToList();
        Assert.Equal(2, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.Equal(key, TableStorageLimits.ValidateKey(key, "rowKey")));
        Assert.All(keys, key => Assert.StartsWith("seg|2025-03|plan=" + new string('x', SnapshotRowKeys.MaxKeyValueLength) + "~~", key, StringComparison.Ordinal));
        var read = await _store.ListSegmentsAsync(Samples.Tenant, "plan", null, null, CancellationToken.None);
        Assert.Equal([long1, long2], read.Select(row => row.Segment.Value));
        Assert.Equal(2m, read[1].Segment.Kpis.Mrr);
    }

    [Fact]
    public async Task WriteSegmentsAsync_SecondWriteWithFewerSegments_DeletesTheStaleRowsOfEveryDimension()
    {
        await WriteAsync(Samples.March2025, KpiStatus.Provisional, [Plan("basic"), Plan("pro"), Plan("team"), Country("DE"), Country("FR")]);
        await WriteAsync(April2025, KpiStatus.Provisional, [Samples.Segment("plan", "basic", April2025)]);

        Assert.True(await WriteAsync(Samples.March2025, KpiStatus.Provisional, [Plan("pro", mrr: 7m)]));

        var march = await _store.ListSegmentsAsync(Samples.Tenant, "plan", Samples.March2025, Samples.March2025, CancellationToken.None);
        Assert.Equal([("pro", 7m)], march.Select(row => (row.Segment.Value, row.Segment.Kpis.Mrr)));
        Assert.Empty(await _store.ListSegmentsAsync(Samples.Tenant, "country", null, null, CancellationToken.None));
        Assert.Single(await _store.ListSegmentsAsync(Samples.Tenant, "plan", April2025, April2025, CancellationToken.None));
    }

    [Fact]
    public async Task WriteSegmentsAsync_MoreThanOneTransactionOfRows_WritesAndDeletesThemAll()
    {
        var many = Enumerable.Range(0, 250).Select(index => Plan($"plan-{index:D3}")).ToList();
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None);

        Assert.True(await WriteAsync(Samples.March2025, KpiStatus.Closed, many));
        Assert.Equal(250, (await ListPlansAsync()).Count);

        Assert.True(await WriteAsync(Samples.March2025, KpiStatus.Closed, many.Take(20).ToList()));
        Assert.Equal(many.Take(20).Select(segment => segment.Value), await ListPlansAsync());
        Assert.NotNull(await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None));
    }

    [Fact]
    public async Task WriteSegmentsAsync_ProvisionalOverAClosedHeadline_ReturnsFalseAndWritesNothing()
    {
        await WriteAsync(Samples.March2025, KpiStatus.Provisional, [Plan("basic")]);
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None);

        Assert.False(await WriteAsync(Samples.March2025, KpiStatus.Provisional, [Plan("pro")]));

        Assert.Equal(["basic"], await ListPlansAsync());
    }

    [Fact]
    public async Task WriteSegmentsAsync_ProvisionalOverClosedSegments_ReturnsFalseAndKeepsThem()
    {
        await WriteAsync(Samples.March2025, KpiStatus.Closed, [Plan("basic", mrr: 1m)]);

        Assert.False(await WriteAsync(Samples.March2025, KpiStatus.Provisional, [Plan("basic", mrr: 2m), Plan("pro")]));

        var read = await _store.ListSegmentsAsync(Samples.Tenant, "plan", null, null, CancellationToken.None);
        Assert.Equal([("basic", 1m, KpiStatus.Closed)], read.Select(row => (row.Segment.Value, row.Segment.Kpis.Mrr, row.Status)));
    }

    [Fact]
    public async Task WriteSegmentsAsync_ClosedOverClosedOrProvisional_ReplacesThem()
    {
        await WriteAsync(Samples.March2025, KpiStatus.Closed, [Plan("basic", mrr: 1m)]);
        await WriteAsync(April2025, KpiStatus.Provisional, [Samples.Segment("plan", "basic", April2025, mrr: 1m)]);

        Assert.True(await WriteAsync(Samples.March2025, KpiStatus.Closed, [Plan("basic", mrr: 2m)]));
        Assert.True(await WriteAsync(April2025, KpiStatus.Closed, [Samples.Segment("plan", "basic", April2025, mrr: 3m)]));

        var read = await _store.ListSegmentsAsync(Samples.Tenant, "plan", null, null, CancellationToken.None);
        Assert.Equal([(2m, KpiStatus.Closed), (3m, KpiStatus.Closed)], read.Select(row => (row.Segment.Kpis.Mrr, row.Status)));
    }

    [Fact]
    public async Task WriteSegmentsAsync_ProvisionalRacingAClose_NeverOverwritesTheClosedRows()
    {
        var provisional = Enumerable.Range(0, 6).Select(index =>
            WriteAsync(Samples.March2025, KpiStatus.Provisional, [Plan("basic", mrr: index), Plan("pro", mrr: index)]));
        var close = WriteAsync(Samples.March2025, KpiStatus.Closed, [Plan("basic", mrr: 100m), Plan("pro", mrr: 100m)]);

        await Task.WhenAll([.. provisional, close]);

        var read = await _store.ListSegmentsAsync(Samples.Tenant, "plan", null, null, CancellationToken.None);
        Assert.All(read, row => Assert.Equal((KpiStatus.Closed, 100m), (row.Status, row.Segment.Kpis.Mrr)));
        Assert.Equal(2, read.Count);
    }

    [Fact]
    public async Task ListSegmentsAsync_RangeAndDimension_ReturnsOnlyThoseRowsByMonthThenValue()
    {
        foreach (var month in new[] { "2024-12", "2025-01", "2025-02", "2025-03" }.Select(BillingMonth.Parse))
        {
            await WriteAsync(month, KpiStatus.Closed, [Samples.Segment("plan", "pro", month), Samples.Segment("plan", "basic", month), Samples.Segment("country", "DE", month)]);
        }

        var read = await _store.ListSegmentsAsync(Samples.Tenant, "plan", new BillingMonth(2025, 1), new BillingMonth(2025, 2), CancellationToken.None);

        Assert.Equal(
            ["2025-01 basic", "2025-01 pro", "2025-02 basic", "2025-02 pro"],
            read.Select(row => $"{row.Segment.Kpis.Month} {row.Segment.Value}"));
        Assert.Equal(4, (await _store.ListSegmentsAsync(Samples.Tenant, "country", null, null, CancellationToken.None)).Count);
        Assert.Equal(2, (await _store.ListSegmentsAsync(Samples.Tenant, "country", new BillingMonth(2025, 2), null, CancellationToken.None)).Count);
        Assert.Equal(2, (await _store.ListSegmentsAsync(Samples.Tenant, "country", null, new BillingMonth(2025, 1), CancellationToken.None)).Count);
        Assert.Empty(await _store.ListSegmentsAsync(Samples.Tenant, "channel", null, null, CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_SegmentAndCohortRowsWrittenByTheStore_AreIgnored()
    {
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None);
        await WriteAsync(Samples.March2025, KpiStatus.Closed, [Plan("pro"), Country("DE")]);
        await _store.WriteCohortCellsAsync(
            Samples.Tenant, Samples.March2025, KpiStatus.Closed, [new CohortCell(new BillingMonth(2025, 1), Samples.March2025, 3, 10m)], CancellationToken.None);

        var months = await _store.ListAsync(Samples.Tenant, null, Samples.March2025, CancellationToken.None);

        Assert.Equal([Samples.March2025], months.Select(snapshot => snapshot.Kpis.Month));
        Assert.Equal(5, _table.Query<TableEntity>().Count()); // the headline, its version row, two segments, one cohort cell
    }

    [Theory]
    [InlineData("cohort")]
    [InlineData("plan=x")]
    [InlineData("plan|x")]
    [InlineData("")]
    public async Task WriteSegmentsAsync_DimensionThatCannotBeAKeyPart_ThrowsArgumentException(string dimension)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            WriteAsync(Samples.March2025, KpiStatus.Closed, [Samples.Segment(dimension, "pro", Samples.March2025)]));
        Assert.Empty(_table.Query<TableEntity>());
    }

    [Fact]
    public async Task WriteSegmentsAsync_SegmentOfAnotherMonthOrTwiceTheSame_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(Samples.March2025, KpiStatus.Closed, [Samples.Segment("plan", "pro", April2025)]));
        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(Samples.March2025, KpiStatus.Closed, [Plan("pro"), Plan("pro")]));
        Assert.Empty(_table.Query<TableEntity>());
    }

    private static SegmentKpis Plan(string value, decimal mrr = 12_345.67m) => Samples.Segment("plan", value, Samples.March2025, mrr);

    private static SegmentKpis Country(string value) => Samples.Segment("country", value, Samples.March2025);

    private Task<bool> WriteAsync(BillingMonth month, KpiStatus status, IReadOnlyList<SegmentKpis> segments) =>
        _store.WriteSegmentsAsync(Samples.Tenant, month, status, 3, ComputedAt, segments, CancellationToken.None);

    private async Task<List<string>> ListPlansAsync() =>
        (await _store.ListSegmentsAsync(Samples.Tenant, "plan", null, null, CancellationToken.None)).Select(row => row.Segment.Value).ToList();
}
