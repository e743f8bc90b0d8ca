using Azure.Storage.Blobs;
using Parquet;
using Pipeline.Application.Ledger;

namespace Pipeline.Storage.Tests;

/// <summary>What the ledger-store tests do with the <c>ledger</c> container: round trips, blob listings, Parquet schemas.</summary>
internal static class LedgerBlobs
{
    /// <summary>Writes the batch as one import and reads it back.</summary>
    public static async Task<LedgerBatch> RoundTripAsync(ParquetLedgerStore store, LedgerBatch batch, string importId = "imp1")
    {
        await store.WriteAsync(Samples.Tenant, importId, batch, CancellationToken.None);
        return await store.ReadAsync(Samples.Tenant, importId, CancellationToken.None)
            ?? throw new InvalidOperationException("The batch was not written.");
    }

    /// <summary>Every blob name in the container, ordinal order.</summary>
    public static async Task<List<string>> NamesAsync(BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The data fields of a Parquet blob.</summary>
    public static async Task<Parquet.Schema.DataField[]> SchemaAsync(BlobContainerClient container, string blobName)
    {
        using var file = new MemoryStream();
        await container.GetBlobClient(blobName).DownloadToAsync(file);
        return await SchemaAsync(file);
    }

    /// <summary>The data fields of a Parquet file in memory.</summary>
    public static async Task<Parquet.Schema.DataField[]> SchemaAsync(MemoryStream file)
    {
        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file, new ParquetOptions { UseDateOnlyTypeForDates = true }, leaveStreamOpen: true);
        return reader.Schema.GetDataFields();
    }
}
