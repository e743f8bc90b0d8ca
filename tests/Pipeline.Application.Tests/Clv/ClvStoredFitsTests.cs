using Pipeline.Application.Closes;
using Pipeline.Application.Clv;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Clv;

/// <summary>
/// CLV fits of a closed month are stored with its close version at the first read and served from there afterwards
/// (issue 12: "fits are stored with each close version, computed on request for open months").
/// </summary>
public sealed class ClvStoredFitsTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth June = new(2025, 6);

    private readonly PipelineHarness _pipeline = new(
        new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string?> { ["Pipeline:GrossMargin"] = "0.8" });

    [Fact]
    public async Task ComputeAsync_OpenMonth_FittedOnEachReadAndNeverStored()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());

        var first = await Service.ComputeAsync(Acme, June, null, CancellationToken.None);
        var second = await Service.ComputeAsync(Acme, June, null, CancellationToken.None);

        Assert.Null(first!.CloseVersion);
        Assert.Equal(first.Groups[0].ResidualClv, second!.Groups[0].ResidualClv);
        Assert.Equal((0, 0), (_pipeline.Fits.Writes, _pipeline.Fits.Hits));
    }

    [Fact]
    public async Task ComputeAsync_ClosedMonth_StoredAtTheFirstRead_TheSecondReadServesTheStoredFitsWithoutFittingAgain()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());
        await CloseJuneAsync();

        var first = await Service.ComputeAsync(Acme, June, "plan", CancellationToken.None);
        Assert.Equal((1, 0, 1), (_pipeline.Fits.Writes, _pipeline.Fits.Hits, first!.CloseVersion));

        // A stored set that a fit would never give: the second read returns it, so it did not fit again.
        var marked = first with { Groups = [first.Groups[0] with { ResidualClv = 1.23m }] };
        _pipeline.Fits.Replace(Acme, June, 1, "plan", marked);
        var second = await Service.ComputeAsync(Acme, June, "plan", CancellationToken.None);

        Assert.Same(marked, second);
        Assert.Equal((1, 1), (_pipeline.Fits.Writes, _pipeline.Fits.Hits));
        // Another grouping is a set of its own.
        var ungrouped = await Service.ComputeAsync(Acme, June, null, CancellationToken.None);
        Assert.Equal((2, 1, 1), (_pipeline.Fits.Writes, _pipeline.Fits.Hits, ungrouped!.CloseVersion));
    }

    [Fact]
    public async Task ForecastAsync_ClosedMonth_StoredForThirtySixMonths_AShorterReadIsItsFirstMonths()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());
        var open = await Service.ForecastAsync(Acme, June, 12, null, CancellationToken.None);
        await CloseJuneAsync();

        var twelve = await Service.ForecastAsync(Acme, June, 12, null, CancellationToken.None);
        var all = await Service.ForecastAsync(Acme, June, ClvQueryService.MaxForecastMonths, null, CancellationToken.None);

        Assert.Equal((1, 1), (_pipeline.Fits.Writes, _pipeline.Fits.Hits));
        Assert.Equal([12, 36], new[] { twelve!.Groups[0].Months.Count, all!.Groups[0].Months.Count });
        Assert.Equal(open!.Groups[0].Months, twelve.Groups[0].Months);
        Assert.Equal(twelve.Groups[0].Months, all.Groups[0].Months.Take(12));
        Assert.Equal((1, 1), (twelve.CloseVersion, all.CloseVersion));
    }

    [Fact]
    public async Task ComputeAsync_ReopenAndReclose_TheNewVersionHasFitsOfItsOwn_TheOldOnesStayReadableWithVersion()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());
        await CloseJuneAsync();
        var version1 = await Service.ComputeAsync(Acme, June, null, CancellationToken.None);

        var closes = _pipeline.Get<MonthCloseService>();
        Assert.Equal(CloseOutcomeKind.Reopened, (await closes.ReopenAsync(Acme, June, "late invoices from the billing system", "ops", CancellationToken.None)).Kind);
        // A late file: one more monthly subscriber from June, so version 2 has one more active customer.
        await IngestAsync("acme/late.csv",
            "line_id,customer_id,subscription_id,plan,amount,currency,interval,interval_count,service_start,service_end\n" +
            "z1,z1,sub_z1,pro,100.00,EUR,month,1,2025-06-01,2025-07-01\n");
        var reopened = await Service.ComputeAsync(Acme, June, null, CancellationToken.None);
        await CloseJuneAsync();
        var version2 = await Service.ComputeAsync(Acme, June, null, CancellationToken.None);
        var again1 = await Service.ComputeAsync(Acme, June, null, CancellationToken.None, version: 1);

        Assert.Null(reopened!.CloseVersion);
        Assert.Equal((1, 2, 1), (version1!.CloseVersion, version2!.CloseVersion, again1!.CloseVersion));
        Assert.Equal(version1.Groups[0].ActiveCustomers + 1, version2.Groups[0].ActiveCustomers);
        Assert.Same(version1, again1);
        Assert.Equal(2, _pipeline.Fits.Writes);
        Assert.Contains((Acme, June, 2, "all"), _pipeline.Fits.Reports);
    }

    public void Dispose() => _pipeline.Dispose();

    private ClvQueryService Service => _pipeline.Get<ClvQueryService>();

    private async Task CloseJuneAsync()
    {
        var outcome = await _pipeline.Get<MonthCloseService>().CloseThroughAsync(Acme, June, "ops", CancellationToken.None);
        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
    }

    private async Task IngestAsync(string name, string content)
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
