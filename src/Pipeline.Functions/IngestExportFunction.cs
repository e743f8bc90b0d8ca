using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Application.Imports;

namespace Pipeline.Functions;

/// <summary>Ingests a file as soon as it lands in <c>exports</c> (Event Grid blob trigger, the Flex Consumption way).</summary>
/// <remarks>Infrastructure errors propagate so the runtime retries and, past the threshold, poisons the blob.</remarks>
public sealed class IngestExportFunction(ExportIngestionService ingestion)
{
    [Function(nameof(IngestExportFunction))]
    public Task RunAsync(
        [BlobTrigger("exports/{name}", Source = BlobTriggerSource.EventGrid, Connection = "PipelineStorage")] BlobClient blob,
        CancellationToken cancellationToken) =>
        ingestion.IngestAsync(blob.Name, cancellationToken);
}
