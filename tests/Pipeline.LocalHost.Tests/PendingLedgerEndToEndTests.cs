using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>
/// An ingest refreshes the provisional months from the lines it parsed, not from the batch read back (issue 11, the
/// whole path); a later refresh reads the ledger from storage. Both must give the same figures to the last digit.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PendingLedgerEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(
        azurite.ConnectionString, new Dictionary<string, string?> { ["Pipeline:BusinessTimeZone"] = "Europe/Amsterdam" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// Amounts with trailing zeros, discounts, a refund and instants in a time zone with an offset: the months the
    /// revenue file's own ingest wrote (from the parsed lines) are computed exactly the same by the refresh a spend
    /// file for May runs (from the ledger in storage): only May is written again, every other month keeps its rows.
    /// </summary>
    [Fact]
    public async Task SpendFileAfterRevenue_RefreshFromStorage_RewritesOnlyMay()
    {
        var revenue = string.Join('\n',
            "line_id,customer_id,subscription_id,plan,amount,discount,currency,interval,service_start,service_end,issued_at,status,refunded_at",
            "a1,A,sa,pro,49.50,10.00,EUR,month,2025-01-01,2025-02-01,2025-01-01T09:30:00+01:00,paid,",
            "a2,A,sa,pro,49.50,10.00,EUR,month,2025-02-01,2025-03-01,2025-02-01T09:30:00+01:00,paid,",
            "a3,A,sa,pro,49.50,10.00,EUR,month,2025-03-01,2025-04-01,2025-03-01T09:30:00+01:00,paid,",
            "a4,A,sa,pro,49.50,10.00,EUR,month,2025-04-01,2025-05-01,2025-04-01T09:30:00+01:00,paid,",
            "a5,A,sa,pro,49.50,10.00,EUR,month,2025-05-01,2025-06-01,2025-05-01T09:30:00+01:00,paid,",
            "a6,A,sa,pro,49.50,10.00,EUR,month,2025-06-01,2025-07-01,2025-06-01T09:30:00+01:00,paid,",
            "b1,B,sb,team,120.000,0,EUR,quarter,2025-01-01,2025-04-01,2025-01-01T23:30:00+02:00,paid,",
            "b2,B,sb,team,120.000,0,EUR,quarter,2025-04-01,2025-07-01,2025-04-01T23:30:00+02:00,refunded,2025-05-10T12:00:00+02:00",
            "c1,C,sc,pro,30.00,0.00,EUR,month,2025-03-01,2025-04-01,2025-03-01,paid,",
            "c2,C,sc,pro,30.00,0.00,EUR,month,2025-04-01,2025-05-01,2025-04-01,paid,") + "\n";
        await _host.DropAsync("pend/revenue.csv", revenue);
        await WaitAcceptedAsync(1);
        var first = await RowsAsync();

        await _host.DropAsync("pend/spend.csv", "month,channel,amount,currency\n2025-05,google-ads,300.00,EUR\n");
        await WaitAcceptedAsync(2);
        var second = await RowsAsync();

        var months = Enumerable.Range(1, 6).Select(month => $"2025-{month:D2}").ToList();
        Assert.Equal(months.Select(month => month == "2025-05"), months.Select(month => second[month].ComputedAt != first[month].ComputedAt));
        Assert.Equal(
            [79.5m, 79.5m, 109.5m, 109.5m, 39.5m, 39.5m],
            months.Select(month => first[month].Mrr));
        Assert.Equal(months.Select(month => first[month].Mrr), months.Select(month => second[month].Mrr));
    }

    private async Task WaitAcceptedAsync(int count)
    {
        var rows = await _host.WaitForImportsAsync(
            "pend", rows => rows.Count == count && rows.All(row => row.GetProperty("status").GetString() != "Processing"), seconds: 60);
        foreach (var row in rows.Where(row => row.GetProperty("status").GetString() != "Accepted"))
        {
            Assert.Fail(await _host.GetTextAsync($"/api/tenants/pend/imports/{row.GetProperty("id").GetString()}/errors"));
        }
    }

    private async Task<Dictionary<string, (decimal Mrr, string ComputedAt)>> RowsAsync()
    {
        var rows = await _host.GetJsonAsync("/api/tenants/pend/kpis?from=2025-01&to=2025-06");
        return rows.EnumerateArray().ToDictionary(
            row => row.GetProperty("month").GetString()!,
            row => (row.GetProperty("mrr").GetDecimal(), row.GetProperty("computedAt").GetString()!));
    }
}
