using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Closes;

/// <summary>The fan-out list of the scheduled close: the tenants that have a month due, each with its latest due month.</summary>
public sealed class DueClosesTests
{
    // 4 August 2025 02:00 UTC: July is due with the default lag of 3 days; beta's lag of 10 days makes June its latest.
    private static readonly DateTimeOffset Now = new(2025, 8, 4, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListAsync_MixedTenants_ListsOnlyTenantsWithAnOpenDueMonthThroughTheirLatestDueMonth()
    {
        using var pipeline = new PipelineHarness(Now, new Dictionary<string, string?> { ["Pipeline:Tenants:beta:CloseLagDays"] = "10" });
        await IngestAsync(pipeline, "acme/revenue.csv", SampleExports.RevenueLines, ImportStatus.Accepted);
        await IngestAsync(pipeline, "beta/revenue.csv", SampleExports.RevenueLines, ImportStatus.Accepted);
        await IngestAsync(pipeline, "done/revenue.csv", SampleExports.RevenueLines, ImportStatus.Accepted);
        await IngestAsync(pipeline, "fresh/revenue.csv", "customer_id,amount,currency,service_start,service_end,interval\nc1,100,EUR,2025-08-01,2025-09-01,month\n", ImportStatus.Accepted);
        await IngestAsync(pipeline, "broken/revenue.csv", SampleExports.BrokenRevenueLines, ImportStatus.Rejected);
        await pipeline.Get<MonthCloseService>().CloseThroughAsync(TenantId.Parse("done"), new BillingMonth(2025, 7), "alice", CancellationToken.None);

        var due = await pipeline.Get<DueCloses>().ListAsync(CancellationToken.None);

        Assert.Equal(["acme 2025-07", "beta 2025-06"], due.Select(close => $"{close.Tenant} {close.Through}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListAsync_LatestDueMonthReopened_ListsTheTenantAgain()
    {
        using var pipeline = new PipelineHarness(Now);
        await IngestAsync(pipeline, "acme/revenue.csv", SampleExports.RevenueLines, ImportStatus.Accepted);
        var closes = pipeline.Get<MonthCloseService>();
        await closes.CloseThroughAsync(TenantId.Parse("acme"), new BillingMonth(2025, 7), "schedule", CancellationToken.None);
        var whenClosed = await pipeline.Get<DueCloses>().ListAsync(CancellationToken.None);

        await closes.ReopenAsync(TenantId.Parse("acme"), new BillingMonth(2025, 6), "late credit note", "alice", CancellationToken.None);
        var whenReopened = await pipeline.Get<DueCloses>().ListAsync(CancellationToken.None);

        Assert.Empty(whenClosed);
        Assert.Equal(new DueClose(TenantId.Parse("acme"), new BillingMonth(2025, 7)), Assert.Single(whenReopened));
    }

    private static async Task IngestAsync(PipelineHarness pipeline, string name, string content, ImportStatus expected)
    {
        var record = await pipeline.Get<ExportIngestionService>().IngestAsync(pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(expected, record.Status);
    }
}
