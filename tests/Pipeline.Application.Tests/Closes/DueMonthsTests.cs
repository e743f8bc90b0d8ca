using Microsoft.Extensions.Options;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Closes;

public sealed class DueMonthsTests
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Theory]
    [InlineData(0, "2025-06-30T23:59:59Z", "2025-05")]
    [InlineData(0, "2025-07-01T00:00:00Z", "2025-06")]
    [InlineData(5, "2025-07-05T23:59:59Z", "2025-05")]
    [InlineData(5, "2025-07-06T00:00:00Z", "2025-06")]
    [InlineData(3, "2025-03-03T12:00:00Z", "2025-01")]
    [InlineData(3, "2025-03-04T00:00:00Z", "2025-02")]
    public void LatestDueMonth_UtcWithLag_IsTheLastMonthEndedAtLeastLagDaysAgo(int lagDays, string now, string expected)
    {
        var calendar = Calendar(TimeZoneInfo.Utc, lagDays);

        var due = calendar.LatestDueMonth(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, due.ToString());
    }

    [Fact]
    public void LatestDueMonth_AmsterdamVersusUtc_MonthEndsAtLocalMidnight()
    {
        // June ends at 2025-07-01 00:00 in Amsterdam = 2025-06-30 22:00 UTC (CEST, UTC+2); due three days later.
        var amsterdam = Calendar(Amsterdam, 3);
        var utc = Calendar(TimeZoneInfo.Utc, 3);
        var now = new DateTimeOffset(2025, 7, 3, 22, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 7, 3, 22, 0, 0, TimeSpan.Zero), amsterdam.DueAt(new BillingMonth(2025, 6)));
        Assert.Equal(new DateTimeOffset(2025, 7, 4, 0, 0, 0, TimeSpan.Zero), utc.DueAt(new BillingMonth(2025, 6)));
        Assert.Equal(new BillingMonth(2025, 6), amsterdam.LatestDueMonth(now));
        Assert.Equal(new BillingMonth(2025, 5), utc.LatestDueMonth(now));
        // In winter Amsterdam is UTC+1: January ends 2025-01-31 23:00 UTC.
        Assert.Equal(new DateTimeOffset(2025, 2, 3, 23, 0, 0, TimeSpan.Zero), amsterdam.DueAt(new BillingMonth(2025, 1)));
        Assert.True(amsterdam.HasEnded(new BillingMonth(2025, 1), new DateTimeOffset(2025, 1, 31, 23, 0, 1, TimeSpan.Zero)));
        Assert.False(utc.HasEnded(new BillingMonth(2025, 1), new DateTimeOffset(2025, 1, 31, 23, 0, 1, TimeSpan.Zero)));
    }

    [Fact]
    public void LatestDueMonth_TokyoTenant_MonthEndsAtTokyoMidnight()
    {
        // Tokyo's July ends at 2025-07-31 15:00 UTC (UTC+9, no DST); with no lag it is due at once.
        var tokyo = Calendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), 0);
        var july = new BillingMonth(2025, 7);

        Assert.Equal(new BillingMonth(2025, 6), tokyo.LatestDueMonth(new DateTimeOffset(2025, 7, 31, 14, 59, 0, TimeSpan.Zero)));
        Assert.Equal(july, tokyo.LatestDueMonth(new DateTimeOffset(2025, 7, 31, 16, 0, 0, TimeSpan.Zero)));
        Assert.True(tokyo.HasEnded(july, new DateTimeOffset(2025, 7, 31, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2025, 7, 31, 15, 0, 0, TimeSpan.Zero), tokyo.DueAt(july));
    }

    /// <summary>
    /// The same file for a UTC tenant and a New York tenant: a line from 2025-08-01 02:00 UTC (31 July 22:00 in New
    /// York) to 2025-09-01 04:00 UTC (1 September 00:00 in New York). For New York it is a July start (T_Jul = 1 August
    /// 03:59:59 UTC) and runs through August; for UTC it starts in August. So July MRR is 0 for acme and 100 for gamma,
    /// and the dates of gamma's files without a time are read at New York midnight.
    /// </summary>
    [Fact]
    public async Task Figures_TenantTimeZoneOverride_MonthBoundariesFollowTheTenantsZone()
    {
        using var pipeline = new PipelineHarness(
            new DateTimeOffset(2025, 9, 10, 2, 0, 0, TimeSpan.Zero),
            new Dictionary<string, string?> { ["Pipeline:Tenants:gamma:BusinessTimeZone"] = "America/New_York" });
        const string Csv = "customer_id,amount,currency,service_start,service_end,interval\n" +
            "c1,100,EUR,2025-08-01T02:00:00Z,2025-09-01T04:00:00Z,month\n" +
            "c2,50,EUR,2025-10-01,2025-11-01,month\n";
        var ingestion = pipeline.Get<ExportIngestionService>();
        foreach (var tenant in new[] { "acme", "gamma" })
        {
            var record = await ingestion.IngestAsync(pipeline.Inbox.Put($"{tenant}/lines.csv", System.Text.Encoding.UTF8.GetBytes(Csv)), CancellationToken.None);
            Assert.Equal(ImportStatus.Accepted, record.Status);
        }

        var acme = (await pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None)).ToDictionary(row => row.Kpis.Month.ToString(), row => row.Kpis.Mrr);
        var gamma = (await pipeline.Snapshots.ListAsync(TenantId.Parse("gamma"), null, null, CancellationToken.None)).ToDictionary(row => row.Kpis.Month.ToString(), row => row.Kpis.Mrr);

        Assert.Equal((0m, 100m), (acme.GetValueOrDefault("2025-07"), acme["2025-08"]));
        Assert.Equal((100m, 100m), (gamma["2025-07"], gamma["2025-08"]));
        Assert.Equal("America/New_York", (await pipeline.Snapshots.ListAsync(TenantId.Parse("gamma"), null, null, CancellationToken.None))[0].BusinessTimeZone);
        // c2's dates have no time: 00:00 in the tenant's zone, so gamma's line starts 2025-10-01 04:00 UTC.
        var lines = await pipeline.Get<TenantLedgerReader>().ReadAsync(TenantId.Parse("gamma"), CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2025, 10, 1, 4, 0, 0, TimeSpan.Zero), lines.Lines.Single(line => line.CustomerId == "c2").ServiceStart);
    }

    [Fact]
    public async Task CloseDueMonthsAsync_MissedScheduleRuns_CatchUpEveryDueMonthOldestFirst()
    {
        using var pipeline = new PipelineHarness(new DateTimeOffset(2025, 3, 10, 2, 0, 0, TimeSpan.Zero));
        await IngestAsync(pipeline, "acme/revenue.csv");
        var closes = pipeline.Get<MonthCloseService>();

        var march = Assert.Single(await closes.CloseDueMonthsAsync("schedule", CancellationToken.None));
        // The runs of April, May and June are missed (an outage); the July run closes March through June in order.
        pipeline.Clock.Advance(new DateTimeOffset(2025, 7, 5, 2, 0, 0, TimeSpan.Zero) - pipeline.Clock.GetUtcNow());
        var july = Assert.Single(await closes.CloseDueMonthsAsync("schedule", CancellationToken.None));
        var again = Assert.Single(await closes.CloseDueMonthsAsync("schedule", CancellationToken.None));

        Assert.Equal(["2025-01", "2025-02"], march.ClosedNow.Select(record => record.Month.ToString()).ToArray());
        Assert.Equal(["2025-03", "2025-04", "2025-05", "2025-06"], july.ClosedNow.Select(record => record.Month.ToString()).ToArray());
        Assert.Empty(again.ClosedNow);
        var records = await pipeline.Closes.ListAsync(Acme, CancellationToken.None);
        Assert.Equal([230m, 260m, 230m, 180m, 180m, 180m], records.Select(record => record.Mrr).ToArray());
        Assert.All(records, record => Assert.Equal((1, "schedule"), (record.Version, record.ClosedBy)));
        Assert.Equal(
            [3, 3, 7, 7, 7, 7],
            records.Select(record => record.ClosedAt.Month).ToArray());
        var rows = await pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None);
        // The file was received on Mar 10, so the exports cover nothing after then: the months closed since warn, and
        // July, wholly after that horizon, awaits data instead of showing figures.
        var horizon = new DateTimeOffset(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            [KpiStatus.Closed, KpiStatus.Closed, KpiStatus.Closed, KpiStatus.Closed, KpiStatus.Closed, KpiStatus.Closed, KpiStatus.AwaitingData],
            rows.Select(row => row.Status).ToArray());
        Assert.Equal(SampleExports.MrrJanuaryToAugust[..6], rows.Take(6).Select(row => row.Kpis.Mrr).ToArray());
        Assert.Equal(horizon, rows[6].AsOf);
        Assert.Equal([false, false, true, true, true, true], records.Select(record => record.Warning is not null).ToArray());
        Assert.All(records, record => Assert.Equal(horizon, record.DataHorizon));
    }

    [Fact]
    public async Task CloseDueMonthsAsync_TenantOverrides_EachTenantClosesThroughItsOwnDueMonth()
    {
        // 4 August 02:00 UTC: July is due for UTC tenants with the default lag of 3 days (ended 1 August 00:00 UTC);
        // beta waits 10 days (due 11 August); gamma's July ends in New York at 1 August 04:00 UTC, due 4 August 04:00 UTC.
        using var pipeline = new PipelineHarness(
            new DateTimeOffset(2025, 8, 4, 2, 0, 0, TimeSpan.Zero),
            new Dictionary<string, string?>
            {
                ["Pipeline:Tenants:beta:CloseLagDays"] = "10",
                ["Pipeline:Tenants:gamma:BusinessTimeZone"] = "America/New_York",
            });
        foreach (var tenant in new[] { "acme", "beta", "gamma" })
        {
            await IngestAsync(pipeline, $"{tenant}/revenue.csv");
        }

        var closes = pipeline.Get<MonthCloseService>();
        Assert.Equal(3, (await closes.CloseDueMonthsAsync("schedule", CancellationToken.None)).Count);
        var afterFirstRun = await LastClosedAsync(pipeline);
        pipeline.Clock.Advance(TimeSpan.FromHours(2));
        await closes.CloseDueMonthsAsync("schedule", CancellationToken.None);

        Assert.Equal("acme 2025-07 (7), beta 2025-06 (6), gamma 2025-06 (6)", afterFirstRun);
        Assert.Equal("acme 2025-07 (7), beta 2025-06 (6), gamma 2025-07 (7)", await LastClosedAsync(pipeline));
        var settings = pipeline.Get<TenantSettings>();
        Assert.Equal(("UTC", 10), (settings.For(TenantId.Parse("beta")).TimeZoneId, settings.For(TenantId.Parse("beta")).CloseLagDays));
        Assert.Equal(("America/New_York", 3), (settings.For(TenantId.Parse("gamma")).TimeZoneId, settings.For(TenantId.Parse("gamma")).CloseLagDays));
        Assert.Same(settings.DefaultCalendar, settings.For(Acme));
    }

    [Theory]
    [InlineData("Pipeline:Tenants:beta:BusinessTimeZone", "Mars/Olympus_Mons", "Pipeline:Tenants:beta:BusinessTimeZone 'Mars/Olympus_Mons' is not a known IANA time zone id")]
    [InlineData("Pipeline:Tenants:beta:CloseLagDays", "61", "Pipeline:Tenants:beta:CloseLagDays 61 must be between 0 and 60.")]
    [InlineData("Pipeline:Tenants:Beta Corp:CloseLagDays", "5", "Pipeline:Tenants:Beta Corp is not a tenant id")]
    public void TenantSettings_InvalidOverride_FailsAtStartUpWithTheSetting(string key, string value, string expected)
    {
        using var pipeline = new PipelineHarness(DateTimeOffset.UnixEpoch, new Dictionary<string, string?> { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => pipeline.Get<TenantSettings>());

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string> LastClosedAsync(PipelineHarness pipeline)
    {
        var parts = new List<string>();
        foreach (var tenant in new[] { "acme", "beta", "gamma" })
        {
            var records = await pipeline.Closes.ListAsync(TenantId.Parse(tenant), CancellationToken.None);
            parts.Add($"{tenant} {records[^1].Month} ({records.Count})");
        }

        return string.Join(", ", parts);
    }

    private static TenantCalendar Calendar(TimeZoneInfo zone, int lagDays) =>
        new(new MetricSettings(CurrencyCode.Parse("EUR"), zone), new Ingestion.ExportParseOptions(zone), lagDays);

    private static async Task IngestAsync(PipelineHarness pipeline, string name)
    {
        var record = await pipeline.Get<ExportIngestionService>().IngestAsync(pipeline.Inbox.Put(name, SampleExports.RevenueLines), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
