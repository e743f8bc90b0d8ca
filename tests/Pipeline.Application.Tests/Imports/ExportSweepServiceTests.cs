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
            _pipeline.Inbox, _pipeline.Imports, _pipeline.Get<ExportIngestionService>(), _pipeline.Get<TenantSettings>(),
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
        Assert.Equal("storage unavailable", failed.Reason);
        Assert.Equal(0, await Sweep.SweepAsync(CancellationToken.None));
        Assert.Equal(3, _pipeline.Inbox.Reads);
    }

    public void Dispose() => _pipeline.Dispose();
}
