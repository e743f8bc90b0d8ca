using Azure;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The ingest triggers called directly with Moq doubles (the blob client, the timer, the storage ports): each asks
/// storage for what its trigger names and lets an infrastructure error through, so the runtime retries and, for the
/// blob trigger, poisons the file; the poison drain consumes what it cannot use without touching storage.
/// </summary>
public sealed class ImportTriggerFunctionTests
{
    [Fact]
    public async Task IngestExport_StorageUnavailable_LooksUpTheTriggeringBlob_AndTheErrorPropagates()
    {
        var ports = PortDoubles.StorageDown();
        using var worker = FunctionsWorker.Build(replace: ports.Register);
        var blob = new Mock<BlobClient>(MockBehavior.Strict);
        blob.SetupGet(client => client.Name).Returns("acme/revenue-2025-07.csv");

        var failure = await Assert.ThrowsAsync<RequestFailedException>(
            () => worker.Create<IngestExportFunction>().RunAsync(blob.Object, CancellationToken.None));

        Assert.Equal(503, failure.Status);
        Assert.Equal(["IExportInbox.FindAsync(acme/revenue-2025-07.csv)"], ports.Calls());
    }

    [Fact]
    public async Task SweepExports_StorageUnavailable_ListsTheExports_AndTheErrorPropagates()
    {
        var ports = PortDoubles.StorageDown();
        using var worker = FunctionsWorker.Build(replace: ports.Register);

        await Assert.ThrowsAsync<RequestFailedException>(
            () => worker.Create<SweepExportsFunction>().RunAsync(new Mock<TimerInfo>(MockBehavior.Strict).Object, CancellationToken.None));

        Assert.Equal(["IExportInbox.ListAsync()"], ports.Calls());
    }

    [Fact]
    public async Task DrainPoisonBlobs_PoisonedExport_LooksUpTheTenantsImports_AndAStorageErrorPropagates()
    {
        var ports = PortDoubles.StorageDown();
        using var worker = FunctionsWorker.Build(replace: ports.Register);
        const string Message = """{"FunctionId":"Host.Functions.IngestExportFunction","BlobType":"BlockBlob","ContainerName":"exports","BlobName":"acme/revenue.csv","ETag":"0x8D1DC6E70A277EF"}""";

        await Assert.ThrowsAsync<RequestFailedException>(() => worker.Create<DrainPoisonBlobsFunction>().RunAsync(Message, CancellationToken.None));

        Assert.Equal(["IImportLog.ListAsync(acme)"], ports.Calls());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"ContainerName":"ledger","BlobName":"acme/x.parquet","ETag":"0x1"}""")]
    public async Task DrainPoisonBlobs_UnreadableOrAnotherContainer_IsConsumedWithoutTouchingStorage(string message)
    {
        var ports = PortDoubles.Strict();
        using var worker = FunctionsWorker.Build(replace: ports.Register);

        await worker.Create<DrainPoisonBlobsFunction>().RunAsync(message, CancellationToken.None);

        Assert.Empty(ports.Calls());
    }
}
