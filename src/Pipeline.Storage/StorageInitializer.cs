using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Pipeline.Storage;

/// <summary>Creates the containers and tables at start-up when they are missing (idempotent).</summary>
/// <remarks>
/// In Azure the Bicep template creates them too; this makes Azurite and a fresh account work without a setup step.
/// The <c>exports</c> container is created as well, so finance has somewhere to drop files.
/// </remarks>
internal sealed class StorageInitializer(
    BlobServiceClient blobs, TableServiceClient tables, IOptions<PipelineStorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var names = options.Value;
        foreach (var container in new[] { names.ExportsContainer, names.LedgerContainer, names.ReportsContainer, names.ClosesContainer })
        {
            await blobs.GetBlobContainerClient(container)
                .CreateIfNotExistsAsync(PublicAccessType.None, metadata: null, cancellationToken);
        }

        foreach (var table in new[] { names.ImportsTable, names.ClosesTable, names.KpiSnapshotsTable, names.CloseAuditTable, names.CloseFiguresTable })
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
