using System.Globalization;
using System.Text;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Kpis;

/// <summary>
/// <c>kpis?by=valueSegment</c> (issue 12): each customer in the value segment it has at each month end, closed months
/// stored with their close version at the first read, open months computed on each read.
/// </summary>
public sealed class ValueSegmentKpiServiceTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth May = new(2025, 5);
    private static readonly BillingMonth June = new(2025, 6);

    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ListAsync_ClosedMayOpenJune_EachCustomerInItsMonthEndsSegment_SegmentsAddUpToTheHeadline()
    {
        await ArrangeAsync();

        var (segments, headlines) = (await Service.ListAsync(Acme, May, June, CancellationToken.None))!.Value;

        // Monthly MRR a1 20, a2 500, a3 100, a4 300, a5 50, a6 30 from January, a7 70 through May; a1 and a7 referred
        // customers. 7 customers with MRR at the end of May: the top ⌈1.4⌉ = 2 are a2 and a4 (revenue); a1 and a7 are
        // strategic; a3, a5 and a6 basic. Nobody churned by May, so no CLV fit and no quintile: the tier alone decides.
        Assert.Equal(
            ["2025-05 basic 180 3 Closed 1", "2025-05 revenue 800 2 Closed 1", "2025-05 strategic 90 2 Closed 1",
             "2025-06 basic 180 3 Provisional 1", "2025-06 revenue 800 2 Provisional 1", "2025-06 strategic 20 1 Provisional 1"],
            segments.Select(row => string.Create(
                CultureInfo.InvariantCulture,
                $"{row.Segment.Kpis.Month} {row.Segment.Value} {row.Segment.Kpis.Mrr:0.##} {row.Segment.Kpis.Customers} {row.Status} {row.Version}")));
        // a7 churned in June from strategic, its segment at the end of May.
        var strategic = segments.Single(row => row.Segment.Kpis.Month == June && row.Segment.Value == SegmentDimensions.Strategic).Segment.Kpis;
        Assert.Equal((90m, 70m, 1, 20m), (strategic.StartMrr, strategic.ChurnedMrr, strategic.ChurnedCustomers, strategic.Mrr));
        foreach (var headline in headlines)
        {
            var month = segments.Where(row => row.Segment.Kpis.Month == headline.Kpis.Month).Select(row => row.Segment.Kpis).ToList();
            Assert.Equal(headline.Kpis.Mrr, month.Sum(kpis => kpis.Mrr));
            Assert.Equal(headline.Kpis.StartMrr, month.Sum(kpis => kpis.StartMrr));
            Assert.Equal(headline.Kpis.ChurnedMrr, month.Sum(kpis => kpis.ChurnedMrr));
            Assert.Equal(headline.Kpis.Customers, month.Sum(kpis => kpis.Customers));
        }

        Assert.Equal((1070m, 1000m, 70m), (headlines[1].Kpis.StartMrr, headlines[1].Kpis.Mrr, headlines[1].Kpis.ChurnedMrr));
        // Each row carries its month's headline time: a closed month's is its close's, whenever it was first read.
        Assert.All(segments, row => Assert.Equal(headlines.Single(headline => headline.Kpis.Month == row.Segment.Kpis.Month).ComputedAt, row.ComputedAt));
    }

    [Fact]
    public async Task ListAsync_SecondRead_ServesTheStoredRowsOfTheCloseVersion_OpenMonthsAreNotStored()
    {
        await ArrangeAsync();
        await Service.ListAsync(Acme, null, null, CancellationToken.None);
        Assert.Equal(5, _pipeline.ValueSegments.Writes);

        // Marked stored rows: a recomputation would not give them back.
        var marked = new SegmentKpis(SegmentDimensions.ValueSegment, SegmentDimensions.Key, MonthlyKpis.Placeholder(May, CurrencyCode.Parse("EUR")));
        _pipeline.ValueSegments.Replace(Acme, May, 1, [new SegmentSnapshot(marked, KpiStatus.Closed, 1, DateTimeOffset.UnixEpoch)]);
        var (segments, _) = (await Service.ListAsync(Acme, May, May, CancellationToken.None))!.Value;

        Assert.Equal([SegmentDimensions.Key], segments.Select(row => row.Segment.Value));
        Assert.Equal(5, _pipeline.ValueSegments.Writes);
    }

    [Fact]
    public async Task ListAsync_UnknownTenant_Null()
    {
        Assert.Null(await Service.ListAsync(TenantId.Parse("nobody"), null, null, CancellationToken.None));
    }

    public void Dispose() => _pipeline.Dispose();

    private ValueSegmentKpiService Service => _pipeline.Get<ValueSegmentKpiService>();

    private async Task ArrangeAsync()
    {
        await IngestAsync("acme/revenue.csv", MonthlyLines(("a1", 20m, 6), ("a2", 500m, 6), ("a3", 100m, 6), ("a4", 300m, 6),
            ("a5", 50m, 6), ("a6", 30m, 6), ("a7", 70m, 5)));
        await IngestAsync("acme/customers.csv", "customer_id,name,referred_by\na3,Three,a1\na5,Five,a7\n");
        var outcome = await _pipeline.Get<MonthCloseService>().CloseThroughAsync(Acme, May, "ops", CancellationToken.None);
        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
    }

    /// <summary>Monthly lines at the given amount from January through <c>lastMonth</c> 2025.</summary>
    private static string MonthlyLines(params (string Customer, decimal Amount, int LastMonth)[] customers)
    {
        var text = new StringBuilder("line_id,customer_id,subscription_id,plan,amount,currency,interval,interval_count,service_start,service_end\n");
        foreach (var (customer, amount, lastMonth) in customers)
        {
            for (var month = 1; month <= lastMonth; month++)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{customer}-{month},{customer},sub_{customer},pro,{amount:0.00},EUR,month,1,2025-{month:00}-01,2025-{month + 1:00}-01\n");
            }
        }

        return text.ToString();
    }

    private async Task IngestAsync(string name, string content)
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
