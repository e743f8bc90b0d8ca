using Microsoft.Extensions.Options;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Tests.Ledger;

/// <summary>The ledgers a host keeps between runs (<see cref="LedgerCache"/>): reused only for the same imports, bounded by lines.</summary>
public sealed class LedgerCacheTests
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly TenantId Beta = TenantId.Parse("beta");
    private static readonly DateTimeOffset Now = new(2025, 8, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CloseAfterIngest_UsesTheLedgerTheIngestAssembled_WithoutReadingLinesAndWithTheSameFigures()
    {
        using var cached = new PipelineHarness(Now);
        using var uncached = new PipelineHarness(Now, new Dictionary<string, string?> { ["Pipeline:LedgerCacheLines"] = "0" });
        foreach (var pipeline in new[] { cached, uncached })
        {
            await IngestAsync(pipeline, "acme/revenue.csv", SampleExports.RevenueLines);
            var outcome = await pipeline.Get<MonthCloseService>().CloseThroughAsync(Acme, new BillingMonth(2025, 6), "ops", CancellationToken.None);
            Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
        }

        // The ingest's refresh assembled the ledger from the lines it parsed; only the uncached close read them back.
        Assert.Equal((0, 1), (cached.Ledger.LineReads, uncached.Ledger.LineReads));
        Assert.Equal(
            (await uncached.Snapshots.ListAsync(Acme, null, null, CancellationToken.None)).Select(row => (row.Kpis, row.Status, row.ContentHash)),
            (await cached.Snapshots.ListAsync(Acme, null, null, CancellationToken.None)).Select(row => (row.Kpis, row.Status, row.ContentHash)));
    }

    [Fact]
    public async Task AnotherImportAccepted_TheKeptLedgerIsNotUsed()
    {
        using var pipeline = new PipelineHarness(Now);
        await IngestAsync(pipeline, "acme/revenue.csv", SampleExports.RevenueLines);
        var reader = pipeline.Get<TenantLedgerReader>();
        var before = await reader.ReadAsync(Acme, CancellationToken.None);

        await IngestAsync(pipeline, "acme/more.csv", "line_id,customer_id,amount,currency,interval,service_start,service_end\nz1,Z,500.00,EUR,month,2025-06-01,2025-07-01\n");
        var after = await reader.ReadAsync(Acme, CancellationToken.None);

        Assert.NotSame(before, after);
        Assert.Equal(before.ImportIds.Count + 1, after.ImportIds.Count);
        Assert.Contains(after.Lines, line => line.CustomerId == "Z");
        Assert.Same(after, await reader.ReadAsync(Acme, CancellationToken.None));
    }

    [Fact]
    public async Task CloseAfterIngest_UsesTheEnginesBuiltWithTheIngest_AtTheHorizonByItsRefreshAndAtMonthEndsOnceAccepted()
    {
        using var pipeline = new PipelineHarness(Now);
        await IngestAsync(pipeline, "acme/revenue.csv", SampleExports.RevenueLines);
        var ledger = await pipeline.Get<TenantLedgerReader>().ReadAsync(Acme, CancellationToken.None);
        var metrics = pipeline.Get<TenantSettings>().For(Acme).Metrics;
        // The refresh's at the data horizon, and the month ends' started once Accepted (when another core can take it).
        Assert.Equal(Environment.ProcessorCount > 1 ? 2 : 1, ledger.EnginesKept);
        var (atHorizon, monthEnds) = (ledger.Revenue(metrics, ledger.DataHorizon), ledger.Revenue(metrics));
        Assert.NotSame(atHorizon, monthEnds);

        var outcome = await pipeline.Get<MonthCloseService>().CloseThroughAsync(Acme, new BillingMonth(2025, 6), "ops", CancellationToken.None);

        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
        Assert.Equal(2, ledger.EnginesKept);
        Assert.Same(atHorizon, ledger.Revenue(metrics, ledger.DataHorizon));
        Assert.Same(monthEnds, ledger.Revenue(metrics));
    }

    [Fact]
    public async Task ALedgerNotKept_GetsNoEngineBuiltAhead()
    {
        using var pipeline = new PipelineHarness(Now, new Dictionary<string, string?> { ["Pipeline:LedgerCacheLines"] = "0" });
        await IngestAsync(pipeline, "acme/revenue.csv", SampleExports.RevenueLines);
        var reader = pipeline.Get<TenantLedgerReader>();
        var ledger = await reader.ReadAsync(Acme, CancellationToken.None);

        await reader.PrepareMonthEnds(Acme, ledger);

        Assert.Equal(0, ledger.EnginesKept);
        ledger.Revenue(pipeline.Get<TenantSettings>().For(Acme).Metrics); // built on demand all the same
        Assert.Equal(1, ledger.EnginesKept);
    }

    [Fact]
    public async Task Revenue_OneEnginePerLinesSettingsAndInstant_TheOldestOfThreeLetGo_OneBuildForConcurrentCallers()
    {
        var ledger = Ledger(3, "a1");
        var utc = new MetricSettings(CurrencyCode.Parse("EUR"), TimeZoneInfo.Utc);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ledger.Revenue(utc))));
        var monthEnds = concurrent[0];
        Assert.All(concurrent, engine => Assert.Same(monthEnds, engine));
        Assert.Same(monthEnds, ledger.Revenue(utc with { }));

        var atHorizon = ledger.Revenue(utc, Now);
        Assert.NotSame(monthEnds, atHorizon);
        Assert.Same(atHorizon, ledger.Revenue(utc, Now.ToOffset(TimeSpan.FromHours(2))));
        Assert.Equal(2, ledger.EnginesKept);

        var stricter = ledger.Revenue(utc with { DelinquencyDays = 10 });
        Assert.NotSame(monthEnds, stricter);
        Assert.Equal(2, ledger.EnginesKept);
        Assert.NotSame(monthEnds, ledger.Revenue(utc)); // the oldest was let go, so it is built again

        var lines = new LedgerLines();
        lines.Add(new RevenueLine
        {
            LineKey = "d", CustomerId = "D", Amount = 25m, Currency = CurrencyCode.Parse("EUR"), ServiceStart = Now, ServiceEnd = Now.AddMonths(1),
        });
        var other = ledger with { Lines = lines };
        Assert.NotSame(ledger.Revenue(utc), other.Revenue(utc));
        Assert.Equal(["C"], ledger.Revenue(utc).CustomerMrrAt(new BillingMonth(2025, 8)).Keys);
        Assert.Equal(["D"], other.Revenue(utc).CustomerMrrAt(new BillingMonth(2025, 8)).Keys);
    }

    [Fact]
    public void Keep_OverTheBound_LetsTheLeastRecentlyUsedGoAndNeverKeepsALedgerLargerThanTheBound()
    {
        var cache = new LedgerCache(new TenantSettings(Options.Create(new PipelineOptions { LedgerCacheLines = 5 })));
        var acme = Ledger(3, "a1");
        var beta = Ledger(2, "b1");
        cache.Keep(Acme, acme);
        cache.Keep(Beta, beta);
        Assert.Same(acme, cache.Find(Acme, ["a1"])); // acme is now the most recently used

        var beta2 = Ledger(2, "b2");
        cache.Keep(Beta, beta2); // replaces beta's own entry: 3 + 2 lines
        Assert.Equal((5L, (TenantLedger?)acme, (TenantLedger?)beta2), (cache.Lines, cache.Find(Acme, ["a1"]), cache.Find(Beta, ["b2"])));

        var other = Ledger(1, "c1");
        // The reads above left beta2 the most recently used: acme is let go to make room.
        cache.Keep(TenantId.Parse("gamma"), other);
        Assert.Null(cache.Find(Acme, ["a1"]));
        Assert.Equal((TenantLedger?)beta2, cache.Find(Beta, ["b2"]));
        Assert.Null(cache.Find(Beta, ["b1"]));

        cache.Keep(Acme, Ledger(6, "a2"));
        Assert.Null(cache.Find(Acme, ["a2"]));
    }

    private static TenantLedger Ledger(int lines, string importId)
    {
        var ledger = new LedgerLines();
        for (var line = 0; line < lines; line++)
        {
            ledger.Add(new RevenueLine
            {
                LineKey = $"{importId}-{line}",
                CustomerId = "C",
                Amount = 10m,
                Currency = CurrencyCode.Parse("EUR"),
                ServiceStart = Now,
                ServiceEnd = Now.AddMonths(1),
            });
        }

        return new TenantLedger(ledger, new Dictionary<string, CustomerRecord>(), [importId], importId, null);
    }

    private static async Task IngestAsync(PipelineHarness pipeline, string name, string content)
    {
        var record = await pipeline.Get<ExportIngestionService>().IngestAsync(pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
