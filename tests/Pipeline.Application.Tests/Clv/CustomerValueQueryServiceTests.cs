using Pipeline.Application.Clv;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Domain.Clv;

namespace Pipeline.Application.Tests.Clv;

/// <summary>
/// The value cards of <see cref="CustomerValueQueryService"/> (issue 12, item 2), gross margin 0.8, yearly discount
/// rate 10 %: the subscribers of <see cref="ClvSampleLedger"/> at the end of June 2025, and the CDNOW buyers of
/// <see cref="CdnowLedger"/> at the end of September 1997.
/// </summary>
public sealed class CustomerValueQueryServiceTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth June = new(2025, 6);

    private readonly PipelineHarness _pipeline = new(
        new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string?> { ["Pipeline:GrossMargin"] = "0.8" });

    [Fact]
    public async Task ListAsync_Subscribers_TenureRenewalsRevenueAndResidualClvAsByHand()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());
        await IngestAsync("acme/customers.csv", "customer_id,name,segment,channel\nm7,Seven BV,smb,organic\n");

        var report = await Service.ListAsync(Acme, June, dimension: null, segment: null, "customerId", CancellationToken.None);

        Assert.NotNull(report);
        Assert.Equal((June, "EUR", 0.10m, 12), (report.AsOf, report.Currency.ToString(), report.DiscountRate, report.Customers.Count));
        var cards = report.Customers.ToDictionary(card => card.CustomerId);
        var model = RetentionFit.Fit([new RetentionCohort([10, 7, 5, 5, 4, 4])]).Model!;
        var d = Math.Pow(1.10, 1.0 / 12.0) - 1.0;

        // m7 pays 100.00 every month January … June: 6 months, 5 renewals, 600.00 billed; residual CLV 80.00 × DERL(5).
        var m7 = cards["m7"];
        Assert.Equal(("all", "all", "Seven BV", "smb"), (m7.Dimension, m7.Segment, m7.Attributes?.Name, m7.Attributes?.Segment));
        Assert.Equal((new BillingMonth(2025, 1), 1, true), (m7.Subscription!.Start, m7.Subscription.PeriodMonths, m7.Subscription.IsActive));
        Assert.Equal((5, 6, 100.00m, 600.00m), (m7.Renewals, m7.TenureMonths, m7.Mrr, m7.RevenueToDate));
        Assert.Equal(model.DiscountedExpectedResidualLifetime(5, d), m7.Derl);
        Assert.Equal(80.00m * (decimal)model.DiscountedExpectedResidualLifetime(5, d), m7.ResidualClv);
        Assert.Equal((null, null, null), (m7.ClvNote, m7.RepeatPurchases, m7.ProbabilityAlive));

        // m6 paid January … April: renewals in February, March, April; the tenure ended at the end of May.
        var m6 = cards["m6"];
        Assert.Equal((3, 4, 0m, 400.00m, false), (m6.Renewals, m6.TenureMonths, m6.Mrr, m6.RevenueToDate, m6.Subscription!.IsActive));
        Assert.Equal(((double?)null, (decimal?)null), (m6.Derl, m6.ResidualClv));
        Assert.Equal((0, 1, 100.00m), (cards["m1"].Renewals, cards["m1"].TenureMonths, cards["m1"].RevenueToDate));

        // q1 pays 300.00 a quarter (MRR 100.00): one renewal (April), 6 months, 600.00 billed; its group has no fit.
        var q1 = cards["q1"];
        Assert.Equal((3, 1, 6, 100.00m, 600.00m), (q1.Subscription!.PeriodMonths, q1.Renewals, q1.TenureMonths, q1.Mrr, q1.RevenueToDate));
        Assert.StartsWith("Only 1 renewal opportunity observed", q1.ClvNote, StringComparison.Ordinal);
        Assert.Null(q1.ResidualClv);

        // The cards of a group add up to the group's residual CLV.
        var group = (await _pipeline.Get<ClvQueryService>().ComputeAsync(Acme, June, null, CancellationToken.None))!.Groups[0];
        Assert.Equal(group.ResidualClv, report.Customers.Where(card => card.Subscription?.PeriodMonths == 1).Sum(card => card.ResidualClv ?? 0m));
    }

    [Fact]
    public async Task ListAsync_BySegmentAndSorted_OnlyThatGroup_LargestFirst()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());

        var pro = await Service.ListAsync(Acme, June, "plan", "pro", "residualClv", CancellationToken.None);
        var byRevenue = await Service.ListAsync(Acme, June, null, null, "revenueToDate", CancellationToken.None);

        // The four active customers (equal residual CLV, by id), then the six whose tenure ended (no residual CLV, by id).
        Assert.Equal(["m10", "m7", "m8", "m9", "m1", "m2", "m3", "m4", "m5", "m6"], pro!.Customers.Select(card => card.CustomerId).ToArray());
        Assert.All(pro.Customers, card => Assert.Equal(("plan", "pro"), (card.Dimension, card.Segment)));
        Assert.Equal(["m10", "m7", "m8", "m9", "q1", "q2", "m6", "m4", "m5", "m1", "m2", "m3"], byRevenue!.Customers.Select(card => card.CustomerId).ToArray());
    }

    [Fact]
    public async Task ListAsync_SubscriberWhoAlsoBuys_BothSides_ThePurchaseGroupsNote()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());
        await IngestAsync("acme/extras.csv", "line_id,customer_id,amount,currency,service_start,service_end,line_type\nx1,m7,25.00,EUR,2025-03-10,2025-03-11,one_time\n");

        var m7 = (await Service.ListAsync(Acme, June, null, null, "customerId", CancellationToken.None))!.Customers.Single(card => card.CustomerId == "m7");

        Assert.Equal((625.00m, 0), (m7.RevenueToDate, m7.RepeatPurchases));
        Assert.NotNull(m7.ResidualClv);
        Assert.StartsWith("No customer bought again", m7.PurchaseNote, StringComparison.Ordinal);
        Assert.Equal(((double?)null, (decimal?)null), (m7.ProbabilityAlive, m7.PurchaseClv));
    }

    [Fact]
    public async Task ListAsync_CdnowBuyers_ProbabilityAliveExpectedPurchasesAndValueAsByHand()
    {
        using var pipeline = new PipelineHarness(
            new DateTimeOffset(1998, 7, 10, 9, 0, 0, TimeSpan.Zero),
            new Dictionary<string, string?> { ["Pipeline:ReportingCurrency"] = "USD", ["Pipeline:GrossMargin"] = "0.8" });
        var record = await pipeline.Get<ExportIngestionService>().IngestAsync(pipeline.Inbox.Put("acme/cdnow.csv", CdnowLedger.RevenueLines()), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);

        var report = await pipeline.Get<CustomerValueQueryService>().ListAsync(Acme, new BillingMonth(1997, 9), null, null, "customerId", CancellationToken.None);

        Assert.Equal(2357, report!.Customers.Count);
        // Customer 1 bought for 29.33, 29.73 and 14.96 on 1 and 18 January and 2 August 1997 (74.02 by September):
        // x = 2, t_x = 213 days, T = 272 days, m̄ = (29.73 + 14.96) ÷ 2.
        // With the published r 0.243, α 4.414 weeks, a 0.793, b 2.426 (the fit in months is the same model):
        // odds = a ÷ (b + 1) × ((α + T) ÷ (α + t_x))^(r + 2) = 0.37629, P(alive) = 0.72659; E[Y(12 months)] = 1.56321.
        // Gamma-Gamma p 6.25, q 3.74, γ 15.44: (γ + 2 m̄) p ÷ (2p + q − 1) = 24.6596 per purchase.
        var c1 = report.Customers.Single(card => card.CustomerId == "c1");
        Assert.Equal((2, 22.345m, 0m, 74.02m), (c1.RepeatPurchases, c1.MeanRepeatValue, c1.Mrr, c1.RevenueToDate));
        Assert.Equal(0.72659, c1.ProbabilityAlive!.Value, 0.0005);
        Assert.Equal(1.56321, c1.ExpectedPurchases!.Value, 0.002);
        Assert.Equal(24.6596, (double)c1.ExpectedPurchaseValue!.Value, 0.01);
        // Discounted month by month at 10 % a year, so between the last month's and the first month's factor of the total.
        var undiscounted = (decimal)c1.ExpectedPurchases.Value * c1.ExpectedPurchaseValue.Value * 0.8m;
        Assert.InRange(c1.PurchaseClv!.Value, undiscounted * (decimal)Math.Pow(1.1, -11.0 / 12), undiscounted);
        Assert.Null(c1.Subscription);
        Assert.Equal(("all", "all", null), (c1.Dimension, c1.Segment, c1.PurchaseNote));
    }

    [Fact]
    public async Task ListAsync_UnknownTenant_Null_UnknownSortKey_Refused()
    {
        Assert.Null(await Service.ListAsync(TenantId.Parse("nobody"), June, null, null, "customerId", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Service.ListAsync(Acme, June, null, null, "name", CancellationToken.None));
    }

    public void Dispose() => _pipeline.Dispose();

    private CustomerValueQueryService Service => _pipeline.Get<CustomerValueQueryService>();

    private async Task IngestAsync(string name, string content)
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
