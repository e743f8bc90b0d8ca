using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>Containers and tables of one test, with their own names, created in the shared Azurite.</summary>
internal sealed class TestStorage
{
    private TestStorage(AzuriteInstance azurite)
    {
        Options = new PipelineStorageOptions
        {
            ExportsContainer = AzuriteInstance.UniqueName("exports"),
            LedgerContainer = AzuriteInstance.UniqueName("ledger"),
            ReportsContainer = AzuriteInstance.UniqueName("reports"),
            ClosesContainer = AzuriteInstance.UniqueName("closes"),
            ImportsTable = AzuriteInstance.UniqueName("imports"),
            ClosesTable = AzuriteInstance.UniqueName("closes"),
            KpiSnapshotsTable = AzuriteInstance.UniqueName("kpis"),
            CloseAuditTable = AzuriteInstance.UniqueName("audit"),
            CloseFiguresTable = AzuriteInstance.UniqueName("figures"),
        };
        Blobs = new BlobServiceClient(azurite.ConnectionString);
        Tables = new TableServiceClient(azurite.ConnectionString);
    }

    public PipelineStorageOptions Options { get; }

    public IOptions<PipelineStorageOptions> Wrapped => Microsoft.Extensions.Options.Options.Create(Options);

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public static async Task<TestStorage> CreateAsync(AzuriteInstance azurite)
    {
        var storage = new TestStorage(azurite);
        await new StorageInitializer(storage.Blobs, storage.Tables, storage.Wrapped).StartAsync(CancellationToken.None);
        return storage;
    }
}
