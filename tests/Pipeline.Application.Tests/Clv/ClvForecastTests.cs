using Pipeline.Application.Clv;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Domain.Clv;

namespace Pipeline.Application.Tests.Clv;

/// <summary>
/// <see cref="ClvQueryService.ForecastAsync"/> on the ledger of <see cref="ClvSampleLedger"/> (issue 12, item 3), gross
/// margin 0.8, yearly discount rate 10 %: at the end of June 2025 four monthly <c>pro</c> subscribers at 100.00 are
/// active with 5 renewals each; the two quarterly <c>basic</c> subscribers cannot be fitted.
/// </summary>
public sealed class ClvForecastTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth June = new(2025, 6);

    private readonly PipelineHarness _pipeline = new(
        new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string?> { ["Pipeline:GrossMargin"] = "0.8" });

    [Fact]
    public async Task ForecastAsync_MonthlyGroup_PerPeriodValueTimesTheRenewalProbabilities()
    {
        await IngestAsync();

        var forecast = await Service.ForecastAsync(Acme, June, months: 36, dimension: null, CancellationToken.None);

        Assert.NotNull(forecast);
        Assert.Equal((June, "EUR", 0.10m), (forecast.AsOf, forecast.Currency.ToString(), forecast.DiscountRate));
        var monthly = forecast.Groups[0];
        Assert.Equal(("all", "all", 1, 4), (monthly.Dimension, monthly.Segment, monthly.PeriodMonths, monthly.ActiveCustomers));
        Assert.Null(monthly.Note);
        Assert.Equal(36, monthly.Months.Count);
        Assert.Equal((new BillingMonth(2025, 7), 1), (monthly.Months[0].Month, monthly.Months[0].MonthsAhead));
        Assert.Equal((new BillingMonth(2028, 6), 36), (monthly.Months[^1].Month, monthly.Months[^1].MonthsAhead));

        // Each of the 4 pays 100.00 × 1 × 0.8 = 80.00 at renewal 6 (July) with r_6, at renewal 7 (August) with r_6·r_7, …
        var model = RetentionFit.Fit([new RetentionCohort([10, 7, 5, 5, 4, 4])]).Model!;
        var (r6, r7) = (model.RetentionRate(6), model.RetentionRate(7));
        Assert.Equal(4 * r6, monthly.Months[0].ExpectedRenewals, 1e-12);
        Assert.Equal(4 * 80.00m * (decimal)r6, monthly.Months[0].ExpectedRevenue);
        Assert.Equal(4 * 80.00m * (decimal)r6, monthly.Months[0].DiscountedRevenue); // July is time zero
        Assert.Equal(4 * 80.00m * (decimal)(r6 * r7), monthly.Months[1].ExpectedRevenue);
        Assert.Equal(4 * 80.00m * (decimal)(r6 * r7 * Math.Pow(1.10, -1.0 / 12.0)), monthly.Months[1].DiscountedRevenue);
        Assert.True(monthly.Months.Zip(monthly.Months.Skip(1)).All(pair => pair.Second.ExpectedRevenue < pair.First.ExpectedRevenue));

        // The discounted months are the first 36 terms of the residual CLV's DERL series: less than it (the loyal tail pays on beyond 36 months).
        var residual = (await Service.ComputeAsync(Acme, June, dimension: null, CancellationToken.None))!.Groups[0].ResidualClv!.Value;
        Assert.InRange(monthly.Months.Sum(month => month.DiscountedRevenue), 0.25m * residual, residual);
    }

    [Fact]
    public async Task ForecastAsync_UnfittableGroup_NoMonthsAndTheFitsNote()
    {
        await IngestAsync();

        var forecast = await Service.ForecastAsync(Acme, June, months: 12, "plan", CancellationToken.None);

        Assert.Equal([("basic", 3, 0), ("pro", 1, 12)], forecast!.Groups.Select(group => (group.Segment, group.PeriodMonths, group.Months.Count)).ToArray());
        var basic = forecast.Groups[0];
        Assert.Equal(2, basic.ActiveCustomers);
        Assert.StartsWith("Only 1 renewal opportunity observed", basic.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForecastAsync_UnknownTenant_Null_MonthsOutOfRange_Refused()
    {
        Assert.Null(await Service.ForecastAsync(TenantId.Parse("nobody"), June, 12, dimension: null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Service.ForecastAsync(Acme, June, 0, dimension: null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Service.ForecastAsync(Acme, June, 37, dimension: null, CancellationToken.None));
    }

    public void Dispose() => _pipeline.Dispose();

    private ClvQueryService Service => _pipeline.Get<ClvQueryService>();

    private async Task IngestAsync()
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(
            _pipeline.Inbox.Put("acme/revenue.csv", ClvSampleLedger.RevenueLines()), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
