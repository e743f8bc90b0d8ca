using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Faults;

/// <summary>Storage fails in the middle of an ingest or a close; the next run must leave exactly the state of a run without the fault.</summary>
public sealed class FaultConvergenceTests
{
    private static readonly DateTimeOffset Now = new(2025, 8, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly TenantId Beta = TenantId.Parse("beta");
    private static readonly BillingMonth June = new(2025, 6);

    public enum IngestFault
    {
        LedgerWrite,
        ImportRecordSave,
    }

    [Theory]
    [InlineData(IngestFault.LedgerWrite)]
    [InlineData(IngestFault.ImportRecordSave)]
    public async Task Sweep_StorageFailsOnceInTheMiddleOfAnIngest_NextSweepConvergesOnTheFaultFreeState(IngestFault fault)
    {
        using var faulted = new PipelineHarness(Now);
        using var clean = new PipelineHarness(Now);
        faulted.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        clean.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        if (fault == IngestFault.LedgerWrite)
        {
            faulted.Ledger.FailNextWrite = new IOException("injected");
        }
        else
        {
            faulted.Imports.FailNextSaveOf = ImportStatus.Accepted;
        }

        var first = await faulted.Get<ExportSweepService>().SweepAsync(CancellationToken.None);
        var interrupted = Assert.Single(faulted.Imports.All);
        var second = await faulted.Get<ExportSweepService>().SweepAsync(CancellationToken.None);
        Assert.Equal(1, await clean.Get<ExportSweepService>().SweepAsync(CancellationToken.None));

        Assert.Equal((0, 1, ImportStatus.Processing), (first, second, interrupted.Status));
        var record = Assert.Single(faulted.Imports.All);
        var expected = Assert.Single(clean.Imports.All);
        Assert.Equal(2, record.Attempts);
        Assert.Equal(expected, record with { Attempts = 1 });
        Assert.Equal(1, faulted.Ledger.Count);
        var batch = await faulted.Ledger.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        var expectedBatch = await clean.Ledger.ReadAsync(Acme, expected.ImportId, CancellationToken.None);
        Assert.Equal(19, batch!.Lines.Count);
        Assert.Equal(expectedBatch!.Lines, batch.Lines);
        Assert.Equal(expectedBatch.Customers, batch.Customers);
        Assert.Equal(
            await clean.Snapshots.ListAsync(Acme, null, null, CancellationToken.None),
            await faulted.Snapshots.ListAsync(Acme, null, null, CancellationToken.None));
        Assert.Equal(SampleExports.MrrJanuaryToAugust, (await faulted.Snapshots.ListAsync(Acme, null, null, CancellationToken.None)).Select(row => row.Kpis.Mrr).ToArray());
        var report = await faulted.Reports.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        Assert.Equal((ImportStatus.Accepted, 19, 19), (report!.Status, report.Rows, report.RevenueLines));
    }

    [Fact]
    public async Task CloseThroughAsync_CloseRecordSaveFailsAfterTheArtifacts_NextRunConvergesOnTheFaultFreeState()
    {
        using var faulted = await IngestedAsync("acme");
        using var clean = await IngestedAsync("acme");
        var april = new BillingMonth(2025, 4);
        faulted.Closes.FailOnceAt = april;

        await Assert.ThrowsAsync<IOException>(() => faulted.Get<MonthCloseService>().CloseThroughAsync(Acme, June, "ops", CancellationToken.None));
        // April's artifacts (and its KPI row) were written, its Closes record was not: April is still open.
        Assert.Equal(3, (await faulted.Closes.ListAsync(Acme, CancellationToken.None)).Count);
        Assert.Contains((april, 1), faulted.Artifacts.Versions(Acme));
        var resumed = await faulted.Get<MonthCloseService>().CloseThroughAsync(Acme, June, "ops", CancellationToken.None);
        await clean.Get<MonthCloseService>().CloseThroughAsync(Acme, June, "ops", CancellationToken.None);

        Assert.Equal(["2025-04", "2025-05", "2025-06"], resumed.ClosedNow.Select(record => record.Month.ToString()).ToArray());
        await AssertSameCloseStateAsync(clean, faulted, Acme);
        Assert.Equal([230m, 260m, 230m, 180m, 180m, 180m], (await faulted.Closes.ListAsync(Acme, CancellationToken.None)).Select(record => record.Mrr).ToArray());
    }

    [Fact]
    public async Task CloseDueMonthsAsync_OneTenantFailsMidClose_OthersStillCloseAndTheNextRunConverges()
    {
        using var faulted = await IngestedAsync("acme", "beta");
        using var clean = await IngestedAsync("acme", "beta");
        faulted.Closes.FailOnceAt = new BillingMonth(2025, 3);

        var failure = await Assert.ThrowsAsync<AggregateException>(() => faulted.Get<MonthCloseService>().CloseDueMonthsAsync("schedule", CancellationToken.None));
        var counts = new[]
        {
            (await faulted.Closes.ListAsync(Acme, CancellationToken.None)).Count,
            (await faulted.Closes.ListAsync(Beta, CancellationToken.None)).Count,
        };
        await faulted.Get<MonthCloseService>().CloseDueMonthsAsync("schedule", CancellationToken.None);
        await clean.Get<MonthCloseService>().CloseDueMonthsAsync("schedule", CancellationToken.None);

        Assert.IsType<IOException>(Assert.Single(failure.InnerExceptions));
        // One tenant stopped before March (January and February closed); the other closed through July regardless.
        Assert.Equal([2, 7], counts.Order().ToArray());
        await AssertSameCloseStateAsync(clean, faulted, Acme);
        await AssertSameCloseStateAsync(clean, faulted, Beta);
        Assert.Equal(7, (await faulted.Closes.ListAsync(Beta, CancellationToken.None)).Count);
    }

    private static async Task<PipelineHarness> IngestedAsync(params string[] tenants)
    {
        var pipeline = new PipelineHarness(Now);
        foreach (var tenant in tenants)
        {
            var record = await pipeline.Get<ExportIngestionService>().IngestAsync(
                pipeline.Inbox.Put($"{tenant}/revenue.csv", SampleExports.RevenueLines), CancellationToken.None);
            Assert.Equal(ImportStatus.Accepted, record.Status);
        }

        return pipeline;
    }

    private static async Task AssertSameCloseStateAsync(PipelineHarness expected, PipelineHarness actual, TenantId tenant)
    {
        var none = CancellationToken.None;
        Assert.Equal(await expected.Closes.ListAsync(tenant, none), await actual.Closes.ListAsync(tenant, none));
        Assert.Equal(await expected.Snapshots.ListAsync(tenant, null, null, none), await actual.Snapshots.ListAsync(tenant, null, null, none));
        Assert.Equal(await expected.Snapshots.ListCohortCellsAsync(tenant, none), await actual.Snapshots.ListCohortCellsAsync(tenant, none));
        Assert.Equal(expected.Artifacts.Versions(tenant), actual.Artifacts.Versions(tenant));
        foreach (var (month, version) in expected.Artifacts.Versions(tenant))
        {
            Assert.Equal(
                await expected.Artifacts.ReadClosingAsync(tenant, month, version, none),
                await actual.Artifacts.ReadClosingAsync(tenant, month, version, none));
            Assert.Equal(
                await expected.Artifacts.ReadMovementsAsync(tenant, month, version, none),
                await actual.Artifacts.ReadMovementsAsync(tenant, month, version, none));
        }
    }
}
