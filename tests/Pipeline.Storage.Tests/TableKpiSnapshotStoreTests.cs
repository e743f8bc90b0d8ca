using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableKpiSnapshotStoreTests(AzuriteInstance azurite) : IAsyncLifetime
{
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
    public async Task WriteClosedAsync_FullPrecisionFigures_ReadBackExactly()
    {
        var snapshot = Samples.Snapshot(Samples.March2025, KpiStatus.Closed);

        await _store.WriteClosedAsync(Samples.Tenant, snapshot, CancellationToken.None);

        var found = await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(snapshot.Kpis, found.Kpis);
        Assert.Equal(snapshot with { Kpis = found.Kpis }, found);
        Assert.Equal(62m / 3m, found.Kpis.StartMrr);
        Assert.Equal("12.50", found.Kpis.ContractionMrr.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WriteClosedAsync_StoresDecimalsAsInvariantStringsAndCountsAsInt32()
    {
        await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None);

        var raw = (await _table.GetEntityAsync<TableEntity>("acme", "2025-03")).Value;

        Assert.Equal("20.666666666666666666666666667", raw["StartMrr"]);
        Assert.Equal("0.000000000000000001", raw["ExpansionMrr"]);
        Assert.Equal(125, raw["Customers"]);
        Assert.Equal("Closed", raw["Status"]);
        Assert.Equal("EUR", raw["Currency"]);
    }

    [Fact]
    public async Task WriteProvisionalAsync_NoRow_InsertsIt()
    {
        var snapshot = Samples.Snapshot(Samples.March2025, KpiStatus.Provisional);

        Assert.True(await _store.WriteProvisionalAsync(Samples.Tenant, snapshot, CancellationToken.None));

        Assert.Equal(KpiStatus.Provisional, (await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task WriteProvisionalAsync_ProvisionalRow_ReplacesIt()
    {
        await _store.WriteProvisionalAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Provisional, mrr: 1m), CancellationToken.None);

        Assert.True(await _store.WriteProvisionalAsync(
            Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Provisional, mrr: 2m), CancellationToken.None));

        Assert.Equal(2m, (await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None))!.Kpis.Mrr);
    }

    [Fact]
    public async Task WriteProvisionalAsync_ClosedRow_ReturnsFalseAndLeavesItUnchanged()
    {
        var closed = Samples.Snapshot(Samples.March2025, KpiStatus.Closed, mrr: 100m);
        await _store.WriteClosedAsync(Samples.Tenant, closed, CancellationToken.None);

        var written = await _store.WriteProvisionalAsync(
            Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Provisional, mrr: 999m, version: 2), CancellationToken.None);

        Assert.False(written);
        var found = await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None);
        Assert.Equal((KpiStatus.Closed, 100m, 1), (found!.Status, found.Kpis.Mrr, found.Version));
    }

    [Fact]
    public async Task WriteProvisionalAsync_RacingAClose_NeverOverwritesTheClosedRow()
    {
        var provisional = Enumerable.Range(0, 8).Select(index =>
            _store.WriteProvisionalAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Provisional, mrr: index), CancellationToken.None));
        var close = _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed, mrr: 100m), CancellationToken.None);

        await Task.WhenAll([.. provisional, close]);
        await _store.WriteProvisionalAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Provisional, mrr: 7m), CancellationToken.None);

        var found = await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None);
        Assert.Equal((KpiStatus.Closed, 100m), (found!.Status, found.Kpis.Mrr));
    }

    [Fact]
    public async Task WriteProvisionalAsync_ClosedSnapshot_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _store.WriteProvisionalAsync(Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_NoRow_ReturnsNull()
    {
        Assert.Null(await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_Range_ReturnsMonthsInsideItOldestFirstIgnoringSegmentRows()
    {
        await SeedMonthsAsync("2024-11", "2025-02", "2024-12", "2025-03", "2025-01");
        await SeedSegmentRowsAsync("2025-01|segment=smb", "2025-03|channel=organic");

        var months = await ListMonthsAsync(new BillingMonth(2024, 12), new BillingMonth(2025, 2));

        Assert.Equal(["2024-12", "2025-01", "2025-02"], months);
    }

    [Fact]
    public async Task ListAsync_OpenEnds_ReturnsEveryMonthOfTheTenantOnly()
    {
        await SeedMonthsAsync("2025-02", "2024-12", "2025-03");
        await SeedSegmentRowsAsync("2025-03|segment=smb");
        await _store.WriteClosedAsync(TenantId.Parse("globex"), Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None);

        Assert.Equal(["2024-12", "2025-02", "2025-03"], await ListMonthsAsync(null, null));
        Assert.Equal(["2025-02", "2025-03"], await ListMonthsAsync(new BillingMonth(2025, 1), null));
        Assert.Equal(["2024-12"], await ListMonthsAsync(null, new BillingMonth(2025, 1)));
    }

    private async Task SeedMonthsAsync(params string[] months)
    {
        foreach (var month in months)
        {
            await _store.WriteClosedAsync(Samples.Tenant, Samples.Snapshot(BillingMonth.Parse(month), KpiStatus.Closed), CancellationToken.None);
        }
    }

    private async Task SeedSegmentRowsAsync(params string[] rowKeys)
    {
        foreach (var rowKey in rowKeys)
        {
            await _table.AddEntityAsync(new TableEntity("acme", rowKey) { ["Mrr"] = "1" });
        }
    }

    private async Task<List<string>> ListMonthsAsync(BillingMonth? from, BillingMonth? to) =>
        (await _store.ListAsync(Samples.Tenant, from, to, CancellationToken.None)).Select(snapshot => snapshot.Kpis.Month.ToString()).ToList();
}
