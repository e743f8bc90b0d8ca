using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Kpis;

/// <summary>A provisional refresh writes only the months an import changed (issue 11, "refresh only what an import changed").</summary>
public sealed class ProvisionalRefreshTests : IDisposable
{
    private const string Header = "line_id,customer_id,subscription_id,amount,currency,interval,service_start,service_end,status";

    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly DateTimeOffset Start = new(2025, 7, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly PipelineHarness _pipeline = new(Start);

    /// <summary>
    /// S pays 100 a month January–June. A spend file for May changes May's CAC and nothing else: every other month is
    /// computed again exactly as before and keeps its rows (computed at the first import), May's are written again.
    /// </summary>
    [Fact]
    public async Task Refresh_SpendFileForMay_OnlyMayIsWrittenAgain()
    {
        await IngestAsync("acme/s.csv", [.. Enumerable.Range(1, 6).Select(month => Line($"s{month}", "S", 100m, month))]);
        var first = await RowsAsync();

        _pipeline.Clock.Advance(TimeSpan.FromMinutes(5));
        var spend = await _pipeline.Get<ExportIngestionService>().IngestAsync(
            _pipeline.Inbox.Put("acme/spend.csv", "month,channel,amount,currency\n2025-05,google-ads,300.00,EUR\n"), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, spend.Status);
        var second = await RowsAsync();

        var months = Enumerable.Range(1, 7).Select(month => new BillingMonth(2025, month)).ToList();
        Assert.Equal(
            months.Select(month => month == new BillingMonth(2025, 5)),
            months.Select(month => second[month].ComputedAt > first[month].ComputedAt));
        Assert.Equal(300m, second[new BillingMonth(2025, 5)].Kpis.UnitEconomics!.Spend);
        Assert.Equal(first[new BillingMonth(2025, 4)].ContentHash, second[new BillingMonth(2025, 4)].ContentHash);
        Assert.NotEqual(first[new BillingMonth(2025, 5)].ContentHash, second[new BillingMonth(2025, 5)].ContentHash);
    }

    [Fact]
    public async Task Refresh_CustomerAttributesChange_EveryMonthWithTheCustomerIsWrittenAgain()
    {
        await IngestAsync("acme/s.csv", [.. Enumerable.Range(1, 3).Select(month => Line($"s{month}", "S", 100m, month))]);
        var first = await RowsAsync();

        _pipeline.Clock.Advance(TimeSpan.FromMinutes(5));
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(
            _pipeline.Inbox.Put("acme/customers.csv", "customer_id,name,country,channel,segment\nS,Sunrise BV,NL,partner,smb\n"), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
        var second = await RowsAsync();

        // The segment rows of every month name S's channel now: the months' content changed, though MRR did not.
        Assert.All(Enumerable.Range(1, 3), month => Assert.True(second[new BillingMonth(2025, month)].ComputedAt > first[new BillingMonth(2025, month)].ComputedAt));
        Assert.Equal([100m, 100m, 100m], Enumerable.Range(1, 3).Select(month => second[new BillingMonth(2025, month)].Kpis.Mrr));
    }

    public void Dispose() => _pipeline.Dispose();

    private static string Line(string key, string customer, decimal amount, int month) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{key},{customer},sub_{customer},{amount:F2},EUR,month,2025-{month:D2}-01,{(month == 12 ? "2026-01" : $"2025-{month + 1:D2}")}-01,paid");

    private async Task IngestAsync(string name, params string[] rows)
    {
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(5));
        var record = await _pipeline.Get<ExportIngestionService>()
            .IngestAsync(_pipeline.Inbox.Put(name, string.Join('\n', [Header, .. rows, string.Empty])), CancellationToken.None);
        Assert.True(record.Status == ImportStatus.Accepted, $"{name}: {record.Status} {record.Reason}");
    }

    private async Task<Dictionary<BillingMonth, KpiSnapshot>> RowsAsync() =>
        (await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None)).ToDictionary(row => row.Kpis.Month);
}
