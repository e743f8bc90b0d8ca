using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Imports;

public sealed class PoisonBlobTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero));

    private ExportIngestionService Ingestion => _pipeline.Get<ExportIngestionService>();

    [Fact]
    public void TryParse_DocumentedMessage_ReadsContainerBlobAndUnquotedETag()
    {
        const string text = """
            {"FunctionId":"pipeline-func.Functions.IngestExportFunction","BlobType":"BlockBlob",
             "ContainerName":"exports","BlobName":"acme/2025 07/revenue.csv","ETag":"\"0x8D1DC6E70A277EF\""}
            """;

        Assert.True(PoisonBlobMessage.TryParse(text, out var message));

        Assert.Equal(
            new PoisonBlobMessage("exports", "acme/2025 07/revenue.csv", "0x8D1DC6E70A277EF", "pipeline-func.Functions.IngestExportFunction"),
            message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"ContainerName":"exports","BlobName":"acme/a.csv"}""")]
    [InlineData("""{"ContainerName":"exports","BlobName":"","ETag":"0x1"}""")]
    [InlineData("""{"ContainerName":"exports","BlobName":7,"ETag":"0x1"}""")]
    public void TryParse_NotAPoisonMessage_False(string? text)
    {
        Assert.False(PoisonBlobMessage.TryParse(text, out var message));
        Assert.Null(message);
    }

    [Fact]
    public async Task MarkPoisonedAsync_UnreadBlob_RecordedFailedWithTheReasonAndSkippedBySweep()
    {
        var blob = _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);

        var record = await Ingestion.MarkPoisonedAsync(Message("exports", blob.Name, $"\"{blob.ETag.Trim('"')}\""), "exports", CancellationToken.None);

        Assert.NotNull(record);
        Assert.Equal((ImportStatus.Failed, Acme, "acme/revenue.csv", blob.ETag, 3), (record.Status, record.Tenant, record.BlobName, record.BlobETag, record.Attempts));
        Assert.StartsWith("Processing failed 3 times and the blob trigger gave up (function app.Functions.IngestExportFunction)", record.Reason, StringComparison.Ordinal);
        Assert.Equal(record, Assert.Single(_pipeline.Imports.All));
        Assert.Equal(0, await _pipeline.Get<ExportSweepService>().SweepAsync(CancellationToken.None));
        Assert.Equal(0, _pipeline.Inbox.Reads);
    }

    [Fact]
    public async Task MarkPoisonedAsync_ClaimLeftProcessing_TheClaimBecomesFailedAndARedropRetriesIt()
    {
        var blob = _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        _pipeline.Ledger.FailNextWrite = new IOException("storage unavailable");
        await Assert.ThrowsAsync<IOException>(() => Ingestion.IngestAsync(blob, CancellationToken.None));
        var claim = Assert.Single(_pipeline.Imports.All);

        var record = await Ingestion.MarkPoisonedAsync(Message("exports", blob.Name, blob.ETag), "exports", CancellationToken.None);
        var again = await Ingestion.MarkPoisonedAsync(Message("exports", blob.Name, blob.ETag), "exports", CancellationToken.None);

        Assert.Equal((claim.ImportId, ImportStatus.Failed), (record!.ImportId, record.Status));
        Assert.Equal(record, again);
        Assert.Equal(record, Assert.Single(_pipeline.Imports.All));
        var redropped = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines), CancellationToken.None);
        // The new drop gets fresh attempts: a retried file is not one attempt away from giving up.
        Assert.Equal((claim.ImportId, ImportStatus.Accepted, 1), (redropped.ImportId, redropped.Status, redropped.Attempts));
    }

    [Fact]
    public async Task MarkPoisonedAsync_VersionAlreadyAccepted_KeepsTheAcceptedRecord()
    {
        var blob = _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        var accepted = await Ingestion.IngestAsync(blob, CancellationToken.None);

        var record = await Ingestion.MarkPoisonedAsync(Message("exports", blob.Name, blob.ETag), "exports", CancellationToken.None);

        Assert.Equal(accepted, record);
        Assert.Equal(ImportStatus.Accepted, Assert.Single(_pipeline.Imports.All).Status);
    }

    [Theory]
    [InlineData("{\"oops\":")]
    [InlineData("""{"ContainerName":"other","BlobName":"acme/revenue.csv","ETag":"0x1"}""")]
    public async Task MarkPoisonedAsync_UnreadableOrOtherContainer_RecordsNothing(string text)
    {
        var record = await Ingestion.MarkPoisonedAsync(text, "exports", CancellationToken.None);

        Assert.Null(record);
        Assert.Empty(_pipeline.Imports.All);
    }

    private static string Message(string container, string blobName, string etag) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["FunctionId"] = "app.Functions.IngestExportFunction",
            ["BlobType"] = "BlockBlob",
            ["ContainerName"] = container,
            ["BlobName"] = blobName,
            ["ETag"] = etag,
        });

    public void Dispose() => _pipeline.Dispose();
}
