using Pipeline.Application.Imports;

namespace Pipeline.Application.Tests.Imports;

public sealed class ExportSweepServiceTests : IDisposable
{
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero));

    private ExportSweepService Sweep => _pipeline.Get<ExportSweepService>();

    [Fact]
    public async Task SweepAsync_NewFiles_IngestsEachVersionOnce()
    {
        _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        _pipeline.Inbox.Put("beta/broken.csv", SampleExports.BrokenRevenueLines);

        var first = await Sweep.SweepAsync(CancellationToken.None);
        var second = await Sweep.SweepAsync(CancellationToken.None);

        Assert.Equal(2, first);
        Assert.Equal(0, second);
        Assert.Equal(2, _pipeline.Inbox.Reads);
        Assert.Equal(
            [ImportStatus.Accepted, ImportStatus.Rejected],
            _pipeline.Imports.All.OrderBy(record => record.BlobName, StringComparer.Ordinal).Select(record => record.Status).ToArray());
    }

    [Fact]
    public async Task SweepAsync_AfterRestart_SkipsVersionsThatHaveARecord()
    {
        _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        await Sweep.SweepAsync(CancellationToken.None);
        var restarted = new ExportSweepService(
            _pipeline.Inbox, _pipeline.Imports, _pipeline.Get<ExportIngestionService>(), _pipeline.Get<TenantSettings>(), _pipeline.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ExportSweepService>.Instance);

        var processed = await restarted.SweepAsync(CancellationToken.None);

        Assert.Equal(0, processed);
        Assert.Equal(1, _pipeline.Inbox.Reads);
    }

    [Fact]
    public async Task SweepAsync_FileKeepsFailing_MarkedFailedAfterMaxAttemptsAndNotRetried()
    {
        _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            _pipeline.Ledger.FailNextWrite = new IOException("storage unavailable");
            Assert.Equal(0, await Sweep.SweepAsync(CancellationToken.None));
        }

        var failed = Assert.Single(_pipeline.Imports.All);
        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.Equal(3, failed.Attempts);
        Assert.Matches(@"^Processing failed 3 times with an internal error \(IOException, error id [0-9a-f]{12}\), so the file was not counted\. ", failed.Reason);
        Assert.DoesNotContain("storage unavailable", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await Sweep.SweepAsync(CancellationToken.None));
        Assert.Equal(3, _pipeline.Inbox.Reads);
    }

    [Fact]
    public async Task SweepAsync_BlobWhoseReadAlwaysThrows_FailedAfterMaxAttemptsAndNeverReadAgain()
    {
        _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        _pipeline.Inbox.Put("acme/broken.csv", SampleExports.BrokenRevenueLines);
        _pipeline.Inbox.Unreadable.Add("acme/revenue.csv");

        var processed = new List<int>();
        for (var run = 0; run < 5; run++)
        {
            processed.Add(await Sweep.SweepAsync(CancellationToken.None));
        }

        var restarted = new ExportSweepService(
            _pipeline.Inbox, _pipeline.Imports, _pipeline.Get<ExportIngestionService>(), _pipeline.Get<TenantSettings>(), _pipeline.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ExportSweepService>.Instance);
        processed.Add(await restarted.SweepAsync(CancellationToken.None));

        Assert.Equal([1, 0, 0, 0, 0, 0], processed);
        Assert.Equal(3, _pipeline.Inbox.FailedReads);
        var failed = Assert.Single(_pipeline.Imports.All, record => record.BlobName == "acme/revenue.csv");
        Assert.Equal((ImportStatus.Failed, 3, string.Empty), (failed.Status, failed.Attempts, failed.ContentHash));
        Assert.StartsWith("Processing failed 3 times with an internal error (", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Injected read fault", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(ImportStatus.Rejected, Assert.Single(_pipeline.Imports.All, record => record.BlobName == "acme/broken.csv").Status);

        // A new version of the file is a new attempt: it is read and accepted.
        _pipeline.Inbox.Unreadable.Clear();
        _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        Assert.Equal(1, await Sweep.SweepAsync(CancellationToken.None));
        Assert.Contains(_pipeline.Imports.All, record => record is { BlobName: "acme/revenue.csv", Status: ImportStatus.Accepted });
    }

    [Fact]
    public async Task SweepAsync_FileInAFolderThatIsNotATenant_NotReadAndNotListedUnderTheDefaultTenant()
    {
        _pipeline.Inbox.Put("Acme Corp/revenue.csv", SampleExports.RevenueLines);
        _pipeline.Inbox.Put("revenue.csv", SampleExports.RevenueLines);

        Assert.Equal(2, await Sweep.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await Sweep.SweepAsync(CancellationToken.None));

        var listed = await _pipeline.Imports.ListAsync(Pipeline.Domain.TenantId.Parse("default"), CancellationToken.None);
        Assert.Equal([("revenue.csv", ImportStatus.Accepted)], listed.Select(record => (record.BlobName, record.Status)));
        Assert.Equal(1, _pipeline.Inbox.Reads);
    }

    [Fact]
    public async Task SweepAsync_NameWithADotDotFolder_RejectedUnderItsTenantWithoutBeingRead()
    {
        _pipeline.Inbox.Put("acme/../revenue.csv", SampleExports.RevenueLines);

        Assert.Equal(1, await Sweep.SweepAsync(CancellationToken.None));

        var refused = Assert.Single(await _pipeline.Imports.ListAsync(Pipeline.Domain.TenantId.Parse("acme"), CancellationToken.None));
        Assert.Equal((ImportStatus.Rejected, Pipeline.Ingestion.RefusalCodes.BadLocation, string.Empty), (refused.Status, refused.ReasonCode, refused.ContentHash));
        Assert.Equal("The name 'acme/../revenue.csv' has a '.' or '..' folder, which storage addresses cannot reach, so the file cannot be read. " +
            "Upload it again under a name without '.' or '..' folders (for example acme/revenue.csv).", refused.Reason);
        Assert.Equal(0, _pipeline.Inbox.Reads);
        Assert.Equal(0, _pipeline.Ledger.Count);
    }

    public void Dispose() => _pipeline.Dispose();
}
