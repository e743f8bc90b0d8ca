using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Parquet;
using Parquet.Serialization;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="ILedgerStore"/> on the <c>ledger</c> container, as Parquet files analysts can query directly.</summary>
/// <remarks>
/// <para>
/// One import is two files: <c>{tenant}/{importId}.parquet</c> with the revenue lines in source order and
/// <c>{tenant}/{importId}.customers.parquet</c> with the customer records (Parquet has one schema per file).
/// The customers file is written first, so an existing lines file means the batch is complete; rewriting
/// replaces both, which keeps a replayed import idempotent.
/// </para>
/// <para>Column types and the exactness rules are described in <see cref="LedgerValues"/>.</para>
/// </remarks>
internal sealed class ParquetLedgerStore(BlobServiceClient blobs, IOptions<PipelineStorageOptions> options) : ILedgerStore
{
    private const string SchemaKey = "pipeline.schema";

    private static readonly ParquetOptions Format = new() { CompressionMethod = CompressionMethod.Snappy };

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.LedgerContainer);

    public async Task WriteAsync(TenantId tenant, string importId, LedgerBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (lines, customers) = Blobs(tenant, importId);
        var lineRows = batch.Lines.Select(LedgerLineRow.From).ToList();
        var customerRows = batch.Customers.Select(LedgerCustomerRow.From).ToList();
        await UploadAsync(customers, customerRows, "customers/1", cancellationToken);
        await UploadAsync(lines, lineRows, "revenue-lines/1", cancellationToken);
    }

    public async Task<LedgerBatch?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        var (lines, customers) = Blobs(tenant, importId);
        using var lineFile = await DownloadAsync(lines, cancellationToken);
        if (lineFile is null)
        {
            return null;
        }

        using var customerFile = await DownloadAsync(customers, cancellationToken)
            ?? throw new InvalidOperationException($"Ledger blob {lines.Name} exists but {customers.Name} does not.");
        var customerRows = await ParquetSerializer.DeserializeAsync<LedgerCustomerRow>(customerFile, Format, rowGroupIndex: null, cancellationToken);
        return new LedgerBatch(
            await RevenueLineParquetReader.ReadAsync(lineFile, cancellationToken),
            customerRows.Data.Select(row => row.ToRecord()).ToList());
    }

    private (BlobClient Lines, BlobClient Customers) Blobs(TenantId tenant, string importId)
    {
        var folder = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var name = TableStorageLimits.ValidateKey(importId, nameof(importId));
        return (_container.GetBlobClient($"{folder}/{name}.parquet"), _container.GetBlobClient($"{folder}/{name}.customers.parquet"));
    }

    private static async Task UploadAsync<T>(BlobClient blob, List<T> rows, string schema, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [SchemaKey] = schema };
        await ParquetSerializer.SerializeAsync(rows, buffer, Format, metadata, cancellationToken);
        buffer.Position = 0;
        await blob.UploadAsync(buffer, overwrite: true, cancellationToken);
    }

    private static async Task<MemoryStream?> DownloadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        try
        {
            await blob.DownloadToAsync(buffer, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            await buffer.DisposeAsync();
            return null;
        }

        buffer.Position = 0;
        return buffer;
    }
}
