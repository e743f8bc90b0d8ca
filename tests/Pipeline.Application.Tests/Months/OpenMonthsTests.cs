using System.Globalization;
using Pipeline.Application.Imports;
using Pipeline.Application.Ledger;
using Pipeline.Application.Months;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Months;

/// <summary>A run started with an engine built ahead computes what a run that builds its own does, and only at the horizon it was built for.</summary>
public sealed class OpenMonthsTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");

    // July 10: the latest service start in the exports, July 1, is the data horizon, so July is measured at it.
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task StartAsync_PreparedEngineAtTheHorizon_SameMonthsAsBuildingIt()
    {
        var ledger = await ArrangeAsync();
        var months = _pipeline.Get<OpenMonths>();

        var builtRun = await months.StartAsync(Acme, ledger, [], atHorizon: true, CancellationToken.None);
        var preparedRun = await months.StartAsync(
            Acme, ledger, [], atHorizon: true, CancellationToken.None, prepared: months.BuildRevenueAsync(Acme, ledger, atHorizon: true));
        var july = new BillingMonth(2025, 7);
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero), preparedRun!.MeasuredAt(july));
        Assert.Equal(builtRun!.MeasuredAt(july), preparedRun.MeasuredAt(july));
        var built = await FiguresAsync(builtRun);
        var prepared = await FiguresAsync(preparedRun);

        Assert.Equal(built, prepared);
        Assert.Equal(["2025-01 150", "2025-02 150", "2025-03 150", "2025-04 150", "2025-05 150", "2025-06 150", "2025-07 100"], built);
    }

    [Fact]
    public async Task StartAsync_PreparedEngineAtMonthEndsForAHorizonRun_Refused()
    {
        var ledger = await ArrangeAsync();
        var months = _pipeline.Get<OpenMonths>();

        await Assert.ThrowsAsync<ArgumentException>(() => months.StartAsync(
            Acme, ledger, [], atHorizon: true, CancellationToken.None, prepared: months.BuildRevenueAsync(Acme, ledger, atHorizon: false)));
    }

    public void Dispose() => _pipeline.Dispose();

    /// <summary>Month and MRR of every month the run computes through July.</summary>
    private static async Task<List<string>> FiguresAsync(OpenMonthRun? run)
    {
        Assert.NotNull(run);
        var figures = new List<string>();
        while (run.Month <= new BillingMonth(2025, 7))
        {
            var month = run.Month;
            var computed = (await run.NextAsync(CancellationToken.None)).Computed;
            Assert.NotNull(computed);
            figures.Add(string.Create(CultureInfo.InvariantCulture, $"{month} {computed.Result.Kpis.Mrr:0.##}"));
        }

        return figures;
    }

    /// <summary>a1 at 100 a month from January, renewed through August; a2 at 50 a month from January through June.</summary>
    private async Task<TenantLedger> ArrangeAsync()
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put("acme/revenue.csv",
            """
            line_id,customer_id,subscription_id,plan,amount,currency,interval,interval_count,service_start,service_end
            a1-1,a1,sub_a1,pro,100.00,EUR,month,1,2025-01-01,2025-02-01
            a1-2,a1,sub_a1,pro,100.00,EUR,month,1,2025-02-01,2025-03-01
            a1-3,a1,sub_a1,pro,100.00,EUR,month,1,2025-03-01,2025-04-01
            a1-4,a1,sub_a1,pro,100.00,EUR,month,1,2025-04-01,2025-05-01
            a1-5,a1,sub_a1,pro,100.00,EUR,month,1,2025-05-01,2025-06-01
            a1-6,a1,sub_a1,pro,100.00,EUR,month,1,2025-06-01,2025-07-01
            a1-7,a1,sub_a1,pro,100.00,EUR,month,1,2025-07-01,2025-08-01
            a2-1,a2,sub_a2,pro,50.00,EUR,month,1,2025-01-01,2025-07-01

            """), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
        return await _pipeline.Get<TenantLedgerReader>().ReadAsync(Acme, CancellationToken.None);
    }
}
