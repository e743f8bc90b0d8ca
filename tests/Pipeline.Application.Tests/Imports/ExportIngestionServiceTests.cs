using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Ingestion;

namespace Pipeline.Application.Tests.Imports;

public sealed class ExportIngestionServiceTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero));

    private ExportIngestionService Ingestion => _pipeline.Get<ExportIngestionService>();

    [Fact]
    public async Task IngestAsync_CanonicalFile_AcceptedWithLedgerReportAndProvisionalMonths()
    {
        var blob = _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);

        var record = await Ingestion.IngestAsync(blob, CancellationToken.None);

        Assert.Equal(ImportStatus.Accepted, record.Status);
        Assert.Equal("canonical-revenue-lines", record.Format);
        Assert.Equal(19, record.Rows);
        Assert.Equal(0, record.RowErrors);
        Assert.Equal(new BillingMonth(2025, 1), record.FirstMonth);
        Assert.Equal(new BillingMonth(2025, 7), record.LastMonth);
        Assert.Equal("revenue.csv", record.FileName);
        var batch = await _pipeline.Ledger.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        Assert.Equal(19, batch!.Lines.Count);
        var report = await _pipeline.Reports.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, report!.Status);
        Assert.Empty(report.Errors);
        var provisional = await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None);
        // The last line starts Jul 1 (the data horizon): July is measured then, August awaits data.
        Assert.Equal(SampleExports.MrrJanuaryToAugust[..7], provisional.Take(7).Select(row => row.Kpis.Mrr).ToArray());
        Assert.All(provisional.Take(7), row => Assert.Equal(KpiStatus.Provisional, row.Status));
        var horizon = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((KpiStatus.AwaitingData, horizon), (provisional[7].Status, provisional[7].AsOf));
        Assert.Equal([null, null, null, null, null, null, horizon], provisional.Take(7).Select(row => row.AsOf).ToArray());
    }

    [Fact]
    public async Task IngestAsync_SameBlobVersionTwice_ReturnsSameRecordAndWritesNothingNew()
    {
        var blob = _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);

        var first = await Ingestion.IngestAsync(blob, CancellationToken.None);
        var second = await Ingestion.IngestAsync(blob, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(_pipeline.Imports.All);
        Assert.Equal(1, _pipeline.Ledger.Writes);
    }

    [Fact]
    public async Task IngestAsync_SameBytesUnderAnotherName_DuplicateAndLedgerUnchanged()
    {
        var original = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines), CancellationToken.None);

        var copy = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/copy of revenue.csv", SampleExports.RevenueLines), CancellationToken.None);

        Assert.Equal(ImportStatus.Duplicate, copy.Status);
        Assert.Equal(original.ImportId, copy.DuplicateOf);
        Assert.NotEqual(original.ImportId, copy.ImportId);
        Assert.Equal(1, _pipeline.Ledger.Writes);
        Assert.Equal(2, _pipeline.Imports.All.Count);
        var replay = await Ingestion.IngestAsync("acme/copy of revenue.csv", CancellationToken.None);
        Assert.Equal(copy, replay);
        Assert.Equal(2, _pipeline.Imports.All.Count);
    }

    [Fact]
    public async Task IngestAsync_LedgerWriteFailsOnce_RecordStaysProcessingAndTheReplayFinishesIt()
    {
        var blob = _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        _pipeline.Ledger.FailNextWrite = new IOException("injected");

        await Assert.ThrowsAsync<IOException>(() => Ingestion.IngestAsync(blob, CancellationToken.None));
        Assert.Equal(ImportStatus.Processing, Assert.Single(_pipeline.Imports.All).Status);

        var record = await Ingestion.IngestAsync(blob, CancellationToken.None);

        Assert.Equal(ImportStatus.Accepted, record.Status);
        Assert.Equal(2, record.Attempts);
        Assert.Single(_pipeline.Imports.All);
        Assert.Equal(8, (await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task IngestAsync_MostlyBadRows_RejectedWithEveryBadRowAndNothingInLedger()
    {
        var blob = _pipeline.Inbox.Put("acme/broken.csv", SampleExports.BrokenRevenueLines);

        var record = await Ingestion.IngestAsync(blob, CancellationToken.None);

        Assert.Equal(ImportStatus.Rejected, record.Status);
        Assert.Equal(4, record.Rows);
        Assert.Equal(3, record.RowErrors);
        Assert.NotNull(record.Reason);
        Assert.Equal(0, _pipeline.Ledger.Count);
        var report = await _pipeline.Reports.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        Assert.Equal([3L, 4L, 5L], report!.Errors.Select(error => error.Row).Distinct().ToArray());
        Assert.Equal(["amount", "service_start", "currency"], report.Errors.Select(error => error.Column).ToArray());
        Assert.Equal(SampleExports.BrokenRevenueLines, System.Text.Encoding.UTF8.GetString(_pipeline.Inbox.Content("acme/broken.csv")));
        Assert.Empty(await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task IngestAsync_FolderIsNotATenantId_RejectedButRecordedInNoTenantsList()
    {
        var blob = _pipeline.Inbox.Put("Acme Corp/revenue.csv", SampleExports.RevenueLines);

        var record = await Ingestion.IngestAsync(blob, CancellationToken.None);

        Assert.Equal((ImportStatus.Rejected, RefusalCodes.BadLocation), (record.Status, record.ReasonCode));
        Assert.Contains("'Acme Corp' is not a tenant id", record.Reason, StringComparison.Ordinal);
        Assert.Empty(_pipeline.Imports.All);
        Assert.Equal(0, _pipeline.Ledger.Count);
    }

    [Fact]
    public async Task IngestAsync_FileAtTheRoot_BelongsToTheDefaultTenant()
    {
        var record = await Ingestion.IngestAsync(_pipeline.Inbox.Put("revenue.csv", SampleExports.RevenueLines), CancellationToken.None);

        Assert.Equal(ImportStatus.Accepted, record.Status);
        Assert.Equal(TenantId.Parse("default"), record.Tenant);
    }

    public void Dispose() => _pipeline.Dispose();
}
