using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>The blobs of one import's ledger batch (see <see cref="ParquetLedgerStore"/> for what each holds).</summary>
/// <remarks>The lines file is a block blob client: it is written block by block and committed last.</remarks>
internal sealed record LedgerFiles(
    BlockBlobClient Lines, BlobClient Customers, BlobClient Spend, BlobClient Rates, BlobClient Movements, BlobClient Documents,
    BlobClient Responses)
{
    /// <summary>The files of <paramref name="importId"/> under the tenant's folder of <paramref name="container"/>.</summary>
    /// <exception cref="ArgumentException">When the tenant or import id cannot be a storage key.</exception>
    public static LedgerFiles Of(BlobContainerClient container, TenantId tenant, string importId)
    {
        var folder = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var name = TableStorageLimits.ValidateKey(importId, nameof(importId));
        return new LedgerFiles(
            container.GetBlockBlobClient($"{folder}/{name}.parquet"),
            container.GetBlobClient($"{folder}/{name}.customers.parquet"),
            container.GetBlobClient($"{folder}/{name}.spend.parquet"),
            container.GetBlobClient($"{folder}/{name}.rates.parquet"),
            container.GetBlobClient($"{folder}/{name}.movements.parquet"),
            container.GetBlobClient($"{folder}/{name}.documents.parquet"),
            container.GetBlobClient($"{folder}/{name}.responses.parquet"));
    }
}
