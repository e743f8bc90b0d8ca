using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pipeline.Application.Closes;
using Pipeline.Application.Tests;
using Pipeline.Domain;
using Pipeline.Storage;
using Pipeline.Testing;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The close fan-out on real storage (Azurite): the worker as composed, over its own containers and tables, ingests
/// two tenants' exports through the blob function, the timer's messages go through a real queue, and the queue
/// function closes both tenants from the messages it receives.
/// </summary>
/// <remarks>
/// The Functions host, which would write the timer's return value to the queue and hand each message to the queue
/// function, cannot run here; the test does its part with the Azure queue client, with host.json's message encoding.
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class CloseFanOutStorageTests(AzuriteInstance azurite)
{
    // 4 August 2025 02:00 UTC: July is due; the sample exports run from January to July.
    private static readonly DateTimeOffset Now = new(2025, 8, 4, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TwoTenants_TimerEnqueuesBoth_QueueFunctionClosesEachThroughJuly_NextRunEnqueuesNothing()
    {
        var prefix = AzuriteInstance.UniqueName("f");
        using var worker = FunctionsWorker.Build(
            azurite.StorageSettings(prefix),
            services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        await CreateStorageAsync(worker);
        var queue = new QueueClient(azurite.ConnectionString, AzuriteInstance.UniqueName("closes"), new QueueClientOptions { MessageEncoding = HostMessageEncoding() });
        await queue.CreateAsync();
        var exports = worker.Get<BlobServiceClient>().GetBlobContainerClient(worker.Get<IOptions<PipelineStorageOptions>>().Value.ExportsContainer);
        foreach (var tenant in new[] { "acme", "globex" })
        {
            var blob = exports.GetBlobClient($"{tenant}/revenue.csv");
            await blob.UploadAsync(BinaryData.FromString(SampleExports.RevenueLines));
            await worker.Create<IngestExportFunction>().RunAsync(blob, CancellationToken.None);
        }

        foreach (var message in await worker.Create<CloseMonthsFunction>().RunAsync(Timer(), CancellationToken.None))
        {
            await queue.SendMessageAsync(message);
        }

        var received = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;
        foreach (var message in received)
        {
            await worker.Create<CloseTenantFunction>().RunAsync(message.Body.ToString(), Context(message.DequeueCount), CancellationToken.None);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        var closes = worker.Get<MonthCloseService>();
        Assert.Equal(
            ["""{"tenant":"acme","through":"2025-07"}""", """{"tenant":"globex","through":"2025-07"}"""],
            received.Select(message => message.Body.ToString()).Order(StringComparer.Ordinal));
        foreach (var tenant in new[] { "acme", "globex" })
        {
            var records = await closes.ListAsync(TenantId.Parse(tenant), CancellationToken.None);
            Assert.Equal(SampleExports.MrrJanuaryToAugust[..7], records.Select(record => record.Mrr));
            Assert.All(records, record => Assert.Equal((CloseStatus.Closed, 1, "schedule"), (record.Status, record.Version, record.ClosedBy)));
        }

        Assert.Empty(await worker.Create<CloseMonthsFunction>().RunAsync(Timer(), CancellationToken.None));
        Assert.Empty((await queue.PeekMessagesAsync(maxMessages: 32)).Value);
    }

    /// <summary>Creates the containers and tables the settings name (in Azure, Bicep creates them), with the app's own clients.</summary>
    private static async Task CreateStorageAsync(FunctionsWorker worker)
    {
        var options = worker.Get<IOptions<PipelineStorageOptions>>().Value;
        var blobs = worker.Get<BlobServiceClient>();
        var tables = worker.Get<TableServiceClient>();
        foreach (var container in new[] { options.ExportsContainer, options.LedgerContainer, options.ReportsContainer, options.ClosesContainer })
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync();
        }

        foreach (var table in new[] { options.ImportsTable, options.ClosesTable, options.KpiSnapshotsTable, options.CloseAuditTable, options.CloseFiguresTable })
        {
            await tables.CreateTableIfNotExistsAsync(table);
        }
    }

    /// <summary>The encoding the Functions host writes and reads queue messages with (host.json <c>extensions.queues.messageEncoding</c>).</summary>
    private static QueueMessageEncoding HostMessageEncoding()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var encoding = hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString();
        return encoding == "base64" ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None;
    }

    private static TimerInfo Timer() => new Mock<TimerInfo>(MockBehavior.Strict).Object;

    private static FunctionContext Context(long dequeueCount)
    {
        var binding = new Mock<BindingContext>(MockBehavior.Strict);
        binding.SetupGet(data => data.BindingData).Returns(new Dictionary<string, object?> { ["DequeueCount"] = dequeueCount });
        var context = new Mock<FunctionContext>(MockBehavior.Strict);
        context.SetupGet(invocation => invocation.BindingContext).Returns(binding.Object);
        return context.Object;
    }
}
