using Microsoft.Extensions.Options;
using Pipeline.Application.Clv;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Domain.Clv;

namespace Pipeline.Application.Tests.Clv;

/// <summary>
/// The CLV groups of a hand-made ledger (issue 12, item 1): ten monthly subscribers of plan <c>pro</c> at 100.00 a month
/// from January 2025 — three pay one month, two pay two, one pays four, four pay through June — and two quarterly
/// subscribers of plan <c>basic</c> at 300.00 a quarter from January, both paying through June. Gross margin 0.8.
/// </summary>
/// <remarks>
/// At the end of June the monthly cohort has made 0 … 5 renewals: survivors 10, 7, 5, 5, 4, 4 (3 lost at the first
/// renewal, 2 at the second, 1 at the fourth, 4 censored after the fifth). The quarterly cohort has seen one renewal
/// (April), both made it: too little to fit.
/// </remarks>
public sealed class ClvQueryServiceTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth June = new(2025, 6);

    private readonly PipelineHarness _pipeline = new(
        new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string?> { ["Pipeline:GrossMargin"] = "0.8" });

    [Fact]
    public async Task ComputeAsync_WithoutDimension_OneGroupPerBillingPeriod_FitAndValuesAsComputedByHand()
    {
        await IngestAsync();

        var report = await Service.ComputeAsync(Acme, June, dimension: null, CancellationToken.None);

        Assert.NotNull(report);
        Assert.Equal((June, CurrencyCode.Parse("EUR")), (report.AsOf, report.Currency));
        Assert.Equal(
            [("all", "all", 1), ("all", "all", 3)],
            report.Groups.Select(group => (group.Dimension, group.Segment, group.PeriodMonths)).ToArray());

        var monthly = report.Groups[0];
        var direct = RetentionFit.Fit([new RetentionCohort([10, 7, 5, 5, 4, 4])]);
        var model = Assert.IsType<ShiftedBetaGeometric>(monthly.Fit.Model);
        Assert.Equal((10L, 6L, 5), (monthly.Fit.Customers, monthly.Fit.Churned, monthly.Fit.MaxRenewals));
        Assert.Equal((direct.Model!.Alpha, direct.Model.Beta, direct.LogLikelihood), (model.Alpha, model.Beta, monthly.Fit.LogLikelihood));
        Assert.Null(monthly.Fit.Note);
        Assert.Equal(4, monthly.ActiveCustomers);

        // Per-period value 100.00 × 1 month × 0.8 = 80.00; each active customer has made 5 renewals; d = 1.10^(1/12) − 1.
        var d = Math.Pow(1.10, 1.0 / 12.0) - 1.0;
        var oneActive = 80.00m * (decimal)model.DiscountedExpectedResidualLifetime(5, d);
        Assert.Equal(4 * oneActive, monthly.ResidualClv);
        Assert.Equal(4 * oneActive / 4, monthly.MeanResidualClv);
        // Every subscriber had 100.00 of MRR at the end of its first month: a new one is worth 80.00 × DERL(0 renewals).
        Assert.Equal(80.00m * (decimal)model.DiscountedExpectedResidualLifetime(0, d), monthly.ClvAtAcquisition);
        Assert.True(monthly.ClvAtAcquisition < monthly.MeanResidualClv, "a customer who stayed five months is worth more than a new one");
        Assert.Equal(0.10m, monthly.DiscountRate);
        Assert.Null(monthly.Cac); // no spend file: CAC unknown, and so CLV:CAC
        Assert.Null(monthly.ClvToCac);

        var quarterly = report.Groups[1];
        Assert.Null(quarterly.Fit.Model);
        Assert.Equal((2L, 0L, 1, 2), (quarterly.Fit.Customers, quarterly.Fit.Churned, quarterly.Fit.MaxRenewals, quarterly.ActiveCustomers));
        Assert.StartsWith("Only 1 renewal opportunity observed", quarterly.Fit.Note, StringComparison.Ordinal);
        Assert.Equal(((decimal?)null, (decimal?)null, (decimal?)null), (quarterly.ResidualClv, quarterly.MeanResidualClv, quarterly.ClvAtAcquisition));
    }

    [Fact]
    public async Task ComputeAsync_ByPlan_OneGroupPerPlan_ByCountry_TheMissingAttributeIsNone()
    {
        await IngestAsync();

        var byPlan = await Service.ComputeAsync(Acme, June, "plan", CancellationToken.None);
        var byCountry = await Service.ComputeAsync(Acme, June, "country", CancellationToken.None);
        var byCohort = await Service.ComputeAsync(Acme, June, "cohort", CancellationToken.None);

        Assert.Equal(
            [("plan", "basic", 3, 2L), ("plan", "pro", 1, 10L)],
            byPlan!.Groups.Select(group => (group.Dimension, group.Segment, group.PeriodMonths, group.Fit.Customers)).ToArray());
        Assert.Equal(
            [("(none)", 1, 5L), ("(none)", 3, 2L), ("NL", 1, 5L)],
            byCountry!.Groups.Select(group => (group.Segment, group.PeriodMonths, group.Fit.Customers)).ToArray());
        Assert.Equal(["2025-01", "2025-01"], byCohort!.Groups.Select(group => group.Segment).ToArray());
    }

    [Fact]
    public async Task ComputeAsync_WithSpend_CacPooledOverThePublishedMonths_ByChannelTheChannelsCac()
    {
        await IngestAsync();
        await IngestAsync("acme/customers.csv", "customer_id,name,channel\n" +
            string.Concat(Enumerable.Range(1, 10).Select(customer => $"m{customer},Customer {customer},google_ads\n")) + "q1,Q1,organic\nq2,Q2,organic\n");
        await IngestAsync("acme/spend.csv", "channel,amount,currency,month\ngoogle_ads,1000.00,EUR,2025-01\n");

        var overall = await Service.ComputeAsync(Acme, June, dimension: null, CancellationToken.None);
        var byChannel = await Service.ComputeAsync(Acme, June, "channel", CancellationToken.None);

        // January: 1000.00 of spend, 12 new customers; no other month has spend, so no other month has a CAC.
        Assert.Equal(83.33m, decimal.Round(overall!.Groups[0].Cac!.Value, 2));
        Assert.Equal([("google_ads", 1, 100.00m), ("organic", 3, 0m)], byChannel!.Groups.Select(group => (group.Segment, group.PeriodMonths, group.Cac!.Value)).ToArray());
        var google = byChannel.Groups[0];
        Assert.Equal(google.ClvAtAcquisition / 100.00m, google.ClvToCac);
        Assert.Null(byChannel.Groups[1].ClvToCac); // a CAC of 0 has no ratio
    }

    [Fact]
    public async Task ComputeAsync_AsOfMarch_OnlyWhatWasObservedByThen()
    {
        await IngestAsync();

        var report = await Service.ComputeAsync(Acme, new BillingMonth(2025, 3), dimension: null, CancellationToken.None);

        // By the end of March: survivors 10, 7, 5 (2 renewals observed); m6 … m10 are alive and censored.
        var monthly = report!.Groups[0];
        var direct = RetentionFit.Fit([new RetentionCohort([10, 7, 5])]);
        Assert.Equal((direct.Model?.Alpha, direct.Model?.Beta), (monthly.Fit.Model?.Alpha, monthly.Fit.Model?.Beta));
        Assert.Equal(5, monthly.ActiveCustomers);
    }

    [Fact]
    public async Task ComputeAsync_UnknownTenant_Null_UnknownDimension_Refused()
    {
        Assert.Null(await Service.ComputeAsync(TenantId.Parse("nobody"), June, dimension: null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Service.ComputeAsync(Acme, June, "tier", CancellationToken.None));
    }

    [Fact]
    public void LatestEndedMonth_TheMonthBeforeTheClocksMonth()
    {
        Assert.Equal(June, Service.LatestEndedMonth(Acme));
        Assert.True(Service.HasEnded(Acme, June));
        Assert.False(Service.HasEnded(Acme, new BillingMonth(2025, 7)));
    }

    [Theory]
    [InlineData("0", "Pipeline:ClvDiscountRate 0 must be above 0 and at most 1 (a yearly rate such as 0.10).")]
    [InlineData("-0.05", "Pipeline:ClvDiscountRate -0.05 must be above 0 and at most 1 (a yearly rate such as 0.10).")]
    [InlineData("1.5", "Pipeline:ClvDiscountRate 1.5 must be above 0 and at most 1 (a yearly rate such as 0.10).")]
    public void ClvDiscountRate_OutOfRange_FailsAtStartUpWithTheSetting(string value, string expected)
    {
        using var pipeline = new PipelineHarness(DateTimeOffset.UnixEpoch, new Dictionary<string, string?> { ["Pipeline:ClvDiscountRate"] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => pipeline.Get<TenantSettings>());

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClvDiscountRate_DefaultTenPercent_OrAsConfigured()
    {
        using var configured = new PipelineHarness(DateTimeOffset.UnixEpoch, new Dictionary<string, string?> { ["Pipeline:ClvDiscountRate"] = "0.08" });

        Assert.Equal((0.10m, 0.08m), (_pipeline.Get<TenantSettings>().ClvDiscountRate, configured.Get<TenantSettings>().ClvDiscountRate));
    }

    public void Dispose() => _pipeline.Dispose();

    private ClvQueryService Service => _pipeline.Get<ClvQueryService>();

    private Task IngestAsync() => IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());

    private async Task IngestAsync(string name, string content)
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
