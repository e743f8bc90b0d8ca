using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Pipeline.Application.Imports;
using Pipeline.Storage;

namespace Pipeline.Functions;

/// <summary>
/// Drains the blob trigger's poison queue: a file <see cref="IngestExportFunction"/> kept failing on (host.json
/// <c>poisonBlobThreshold</c>, kept equal to <c>Pipeline:MaxIngestAttempts</c>) is recorded as Failed with the reason,
/// so the import status shows it and the daily sweep does not retry it.
/// </summary>
/// <remarks>
/// The blob extension writes poison messages to the queue of the triggering blob's account (the data account,
/// connection <c>PipelineStorage</c>). Unreadable messages and messages about other containers are logged and consumed,
/// never rethrown, so they cannot loop into a poison queue of their own.
/// </remarks>
public sealed class DrainPoisonBlobsFunction(ExportIngestionService ingestion, IOptions<PipelineStorageOptions> storage)
{
    [Function(nameof(DrainPoisonBlobsFunction))]
    public Task RunAsync(
        [QueueTrigger(PoisonBlobMessage.QueueName, Connection = "PipelineStorage")] string message,
        CancellationToken cancellationToken) =>
        ingestion.MarkPoisonedAsync(message, storage.Value.ExportsContainer, cancellationToken);
}
