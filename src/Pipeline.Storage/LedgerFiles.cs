using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>The blobs of one import's ledger batch (see <see cref="ParquetLedgerStore"/> for what each holds).</summary>
/// <remarks>Block blob clients: every file is written block by block (staged) and committed in one step, the lines file last.</remarks>
internal sealed record LedgerFiles(
    BlockBlobClient Lines, BlockBlobClient Customers, BlockBlobClient Spend, BlockBlobClient Rates, BlockBlobClient Movements,
    BlockBlobClient Documents, BlockBlobClient Responses)
{
    /// <summary>The files of <paramref name="importId"/> under the tenant's folder of <paramref name="container"/>.</summary>
    /// <exception cref="ArgumentException">When the tenant or import id cannot be a storage key.</exception>
    public static LedgerFiles Of(BlobContainerClient container, TenantId tenant, string importId)
    {
        var folder = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var name = TableStorageLimits.ValidateKey(importId, nameof(importId));
        return new LedgerFiles(
            container.GetBlockBlobClient($"{folder}/{name}.parquet"),
            container.GetBlockBlobClient($"{folder}/{name}.customers.parquet"),
            container.GetBlockBlobClient($"{folder}/{name}.spend.parquet"),
            container.GetBlockBlobClient($"{folder}/{name}.rates.parquet"),
            container.GetBlockBlobClient($"{folder}/{name}.movements.parquet"),
            container.GetBlockBlobClient($"{folder}/{name}.documents.parquet"),
            container.GetBlockBlobClient($"{folder}/{name}.responses.parquet"));
    }
}
