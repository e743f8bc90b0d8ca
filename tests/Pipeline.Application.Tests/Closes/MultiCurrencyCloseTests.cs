using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Closes;

public sealed class MultiCurrencyCloseTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth January = new(2025, 1);
    private static readonly BillingMonth March = new(2025, 3);
    private static readonly BillingMonth April = new(2025, 4);
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 5, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task CloseThroughAsync_UsdCustomerAndRateChanges_FxImpactSeparatedFromMovements()
    {
        await IngestAllAsync();

        var outcome = await Close(April);

        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
        var rows = (await _pipeline.Snapshots.ListAsync(Acme, January, April, CancellationToken.None)).Select(row => row.Kpis).ToList();
        Assert.Equal([180m, 200m, 220m, 0m], rows.Select(kpis => kpis.Mrr).ToArray());
        Assert.Equal([0m, 20m, -20m, 0m], rows.Select(kpis => kpis.FxImpactMrr).ToArray());
        Assert.Equal([0m, 0m, 40m, 0m], rows.Select(kpis => kpis.ExpansionMrr).ToArray());
        Assert.Equal((180m, 220m), (rows[0].NewMrr, rows[3].ChurnedMrr));
        Assert.Equal(["100.00 EUR", "100.00 USD"], rows[0].NativeMrr.Select(money => money.ToString()).ToArray());
    }

    [Fact]
    public async Task CloseThroughAsync_SpendFile_CacAndPaidCacAndChannelCac()
    {
        await IngestAllAsync();

        await Close(April);

        var january = (await _pipeline.Snapshots.FindAsync(Acme, January, CancellationToken.None))!.Kpis;
        var economics = january.UnitEconomics!;
        Assert.Equal((700m, 700m, 1), (economics.Spend, economics.PaidSpend, economics.PaidNewCustomers));
        Assert.Equal((350m, 700m), (economics.Cac, economics.PaidCac));
        Assert.Equal(90m, january.Asp);
        var channels = await _pipeline.Snapshots.ListSegmentsAsync(Acme, "channel", January, January, CancellationToken.None);
        var google = channels.Single(row => row.Segment.Value == "google_ads").Segment.Kpis;
        Assert.Equal((100m, 1, 600m), (google.Mrr, google.NewCustomers, google.UnitEconomics!.Cac));
    }

    [Fact]
    public async Task CloseThroughAsync_PlanChange_LeavesOneSegmentAndEntersTheOther()
    {
        await IngestAllAsync();

        await Close(April);

        var plans = (await _pipeline.Snapshots.ListSegmentsAsync(Acme, "plan", March, March, CancellationToken.None))
            .ToDictionary(row => row.Segment.Value, row => row.Segment.Kpis);
        Assert.Equal((200m, 100m, 80m, -20m), (plans["basic"].StartMrr, plans["basic"].Mrr, plans["basic"].ChurnedMrr, plans["basic"].FxImpactMrr));
        Assert.Equal((0m, 120m, 120m), (plans["pro"].StartMrr, plans["pro"].Mrr, plans["pro"].NewMrr));
        var currencies = (await _pipeline.Snapshots.ListSegmentsAsync(Acme, "currency", January, January, CancellationToken.None))
            .ToDictionary(row => row.Segment.Value, row => row.Segment.Kpis.Mrr);
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 100m, ["USD"] = 80m }, currencies);
    }

    [Fact]
    public async Task CloseThroughAsync_CohortCellsAndDrillDown_AddUpToTheMonth()
    {
        await IngestAllAsync();

        await Close(April);

        var cells = await _pipeline.Snapshots.ListCohortCellsAsync(Acme, CancellationToken.None);
        Assert.Equal(
            [(January, 2, 180m), (new BillingMonth(2025, 2), 2, 200m), (March, 2, 220m), (April, 0, 0m)],
            cells.Where(cell => cell.Cohort == January && cell.Month <= April).Select(cell => (cell.Month, cell.ActiveCustomers, cell.Mrr)).ToArray());
        var movements = await _pipeline.Artifacts.ReadMovementsAsync(Acme, March, 1, CancellationToken.None);
        Assert.Equal([("U", 40m)], movements!.Where(movement => movement.Amount != 0m).Select(movement => (movement.CustomerId, movement.Amount)).ToArray());
        var closing = await _pipeline.Artifacts.ReadClosingAsync(Acme, March, 1, CancellationToken.None);
        var umbrella = closing!.Single(customer => customer.CustomerId == "U");
        Assert.Equal(("Umbrella Inc.", "US", "organic", January), (umbrella.Name, umbrella.Country, umbrella.Channel, umbrella.CohortMonth));
    }

    [Fact]
    public async Task CloseThroughAsync_CurrencyWithoutRate_EarlierMonthsCloseThatMonthStaysOpen()
    {
        await IngestAllAsync();
        await Ingest("acme/gbp.csv", MultiCurrencyExports.GbpRevenueLines);

        var outcome = await Close(April);

        Assert.Equal(CloseOutcomeKind.MissingExchangeRate, outcome.Kind);
        Assert.Contains("GBP", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("2025-02", outcome.Message, StringComparison.Ordinal);
        Assert.Equal([January], outcome.ClosedNow.Select(record => record.Month).ToArray());
        Assert.Null(await _pipeline.Closes.FindAsync(Acme, new BillingMonth(2025, 2), CancellationToken.None));
    }

    private Task<CloseOutcome> Close(BillingMonth through) =>
        _pipeline.Get<MonthCloseService>().CloseThroughAsync(Acme, through, "ops", CancellationToken.None);

    private async Task IngestAllAsync()
    {
        await Ingest("acme/rates.csv", MultiCurrencyExports.Rates);
        await Ingest("acme/customers.csv", MultiCurrencyExports.Customers);
        await Ingest("acme/spend.csv", MultiCurrencyExports.Spend);
        await Ingest("acme/revenue.csv", MultiCurrencyExports.RevenueLines);
    }

    private async Task Ingest(string name, string content)
    {
        _pipeline.Clock.Advance(TimeSpan.FromSeconds(1));
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }

    public void Dispose() => _pipeline.Dispose();
}
