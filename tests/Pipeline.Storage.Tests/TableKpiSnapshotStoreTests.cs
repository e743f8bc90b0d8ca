using System.Globalization;
using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
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

        var raw = (await _table.GetEntityAsync<TableEntity>("acme", "kpi|2025-03")).Value;

        Assert.Equal("20.666666666666666666666666667", raw["StartMrr"]);
        Assert.Equal("0.000000000000000001", raw["ExpansionMrr"]);
        Assert.Equal(125, raw["Customers"]);
        Assert.Equal("Closed", raw["Status"]);
        Assert.Equal("EUR", raw["Currency"]);
    }

    [Fact]
    public async Task WriteClosedAsync_EveryNewFigure_ReadsBackExactly()
    {
        var snapshot = Samples.Snapshot(Samples.March2025, KpiStatus.Closed) with { Kpis = Samples.FullKpis(Samples.March2025) };

        await _store.WriteClosedAsync(Samples.Tenant, snapshot, CancellationToken.None);

        var found = (await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None))!;
        KpiAssert.Equal(snapshot.Kpis, found.Kpis);
        Assert.Equal(snapshot with { Kpis = found.Kpis }, found);
        Assert.Equal("10.50", found.Kpis.NativeMrr[1].Amount.ToString(CultureInfo.InvariantCulture));
        Assert.Null(found.Kpis.Concentration!.CustomerFractionFor80Percent);
        Assert.Null(found.Kpis.UnitEconomics!.Ltv);
    }

    [Fact]
    public async Task WriteClosedAsync_NewFigures_StoredAsFlatInvariantStringsAndNullsAsNoProperty()
    {
        var snapshot = Samples.Snapshot(Samples.March2025, KpiStatus.Closed) with { Kpis = Samples.FullKpis(Samples.March2025) };
        await _store.WriteClosedAsync(Samples.Tenant, snapshot, CancellationToken.None);

        var raw = (await _table.GetEntityAsync<TableEntity>("acme", "kpi|2025-03")).Value;

        Assert.Equal("USD:123.45;EUR:10.50;JPY:1500;KWD:-0.125", raw["NativeMrr"]);
        Assert.Equal("-0.3333333333333333333333333333", raw["FxImpactMrr"]);
        Assert.Equal("0.000000000000000001", raw["ConcentrationGini"]);
        Assert.Equal("10000.50", raw["UnitEconomicsSpend"]);
        Assert.Equal(60, raw["UnitEconomicsLtvCapMonths"]);
        Assert.False(raw.ContainsKey("Grr12"));
        Assert.False(raw.ContainsKey("ConcentrationCustomerFractionFor80Percent"));
        Assert.False(raw.ContainsKey("UnitEconomicsLtv"));
        Assert.InRange(raw.Count(pair => pair.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")), 40, 60);
    }

    [Fact]
    public async Task WriteClosedAsync_OptionalFiguresAbsent_ReadBackAsNullAndEmpty()
    {
        var kpis = Samples.Kpis(Samples.March2025) with { Concentration = new ConcentrationFigures(null, null, null, null, null) };
        var snapshot = Samples.Snapshot(Samples.March2025, KpiStatus.Closed) with { Kpis = kpis };

        await _store.WriteClosedAsync(Samples.Tenant, snapshot, CancellationToken.None);

        var found = (await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None))!;
        Assert.Equal(kpis, found.Kpis);
        Assert.Equal(new ConcentrationFigures(null, null, null, null, null), found.Kpis.Concentration);
        Assert.Equal((null, null, null, null), (found.Kpis.Cmrr, found.Kpis.Nrr12, found.Kpis.Grr12, found.Kpis.UnitEconomics));
        Assert.Empty(found.Kpis.NativeMrr);
    }

    [Fact]
    public async Task FindAsync_RowWrittenBeforeTheNewFigures_ReadsThemAsZeroEmptyAndNull()
    {
        await _table.AddEntityAsync(new TableEntity("acme", "kpi|2025-03")
        {
            ["Status"] = "Closed", ["Version"] = 1, ["ComputedAt"] = new DateTimeOffset(2025, 4, 3, 2, 0, 0, TimeSpan.Zero),
            ["BusinessTimeZone"] = "UTC", ["DelinquencyDays"] = 30, ["DefinitionsVersion"] = 1, ["Currency"] = "EUR",
            ["StartMrr"] = "1", ["Mrr"] = "2", ["NewMrr"] = "1", ["ExpansionMrr"] = "0", ["ReactivationMrr"] = "0",
            ["ContractionMrr"] = "0", ["ChurnedMrr"] = "0", ["DelinquentChurnedMrr"] = "0",
            ["StartCustomers"] = 1, ["Customers"] = 2, ["NewCustomers"] = 1, ["ReactivatedCustomers"] = 0,
            ["ChurnedCustomers"] = 0, ["SubscribedAndChurned"] = 0,
        });

        var kpis = (await _store.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None))!.Kpis;

        Assert.Equal((0m, 2m), (kpis.FxImpactMrr, kpis.Mrr));
        Assert.Empty(kpis.NativeMrr);
        Assert.Equal((null, null, null, null, null), (kpis.Cmrr, kpis.Nrr12, kpis.Grr12, kpis.Concentration, kpis.UnitEconomics));
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
        await SeedSegmentRowsAsync("seg|2025-01|segment=smb", "seg|2025-03|channel=organic");

        var months = await ListMonthsAsync(new BillingMonth(2024, 12), new BillingMonth(2025, 2));

        Assert.Equal(["2024-12", "2025-01", "2025-02"], months);
    }

    [Fact]
    public async Task ListAsync_OpenEnds_ReturnsEveryMonthOfTheTenantOnly()
    {
        await SeedMonthsAsync("2025-02", "2024-12", "2025-03");
        await SeedSegmentRowsAsync("seg|2025-03|segment=smb");
        await _store.WriteClosedAsync(TenantId.Parse("globex"), Samples.Snapshot(Samples.March2025, KpiStatus.Closed), CancellationToken.None);

        Assert.Equal(["2024-12", "2025-02", "2025-03"], await ListMonthsAsync(null, null));
        Assert.Equal(["2025-02", "2025-03"], await ListMonthsAsync(new BillingMonth(2025, 1), null));
        Assert.Equal(["2024-12"], await ListMonthsAsync(null, new BillingMonth(2025, 1)));
    }

    [Fact]
    public async Task ListAsync_SegmentShapedKeyWithHeadlineColumns_IsStillIgnored()
    {
        await SeedMonthsAsync("2025-03");
        var impostor = (await _table.GetEntityAsync<TableEntity>("acme", "kpi|2025-03")).Value;
        impostor.RowKey = "seg|2025-03|plan=pro";
        await _table.AddEntityAsync(impostor);

        Assert.Equal(["2025-03"], await ListMonthsAsync(null, null));
    }

    [Fact]
    public async Task ListAsync_EmptyBusinessTimeZone_StillListsTheMonth()
    {
        await _store.WriteClosedAsync(
            Samples.Tenant, Samples.Snapshot(Samples.March2025, KpiStatus.Closed) with { BusinessTimeZone = "" }, CancellationToken.None);

        Assert.Equal(["2025-03"], await ListMonthsAsync(null, null));
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
