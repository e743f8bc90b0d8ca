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
/// One import is up to six files (Parquet has one schema per file): <c>{tenant}/{importId}.parquet</c> with the
/// revenue lines in source order, <c>{tenant}/{importId}.customers.parquet</c> with the customer records, and,
/// only when the batch has any, <c>{tenant}/{importId}.spend.parquet</c>, <c>{tenant}/{importId}.rates.parquet</c>,
/// <c>{tenant}/{importId}.movements.parquet</c> (payments, refunds, credits) and
/// <c>{tenant}/{importId}.documents.parquet</c> (invoice statuses). A missing spend, rates, movements or documents
/// file reads as empty, so batches written before they existed read as before.
/// </para>
/// <para>
/// The lines file is written last, so an existing lines file means the batch is complete; rewriting replaces
/// every file (and deletes a spend, rates, movements or documents file the new batch no longer has), which keeps a replayed import idempotent.
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
        var files = Files(tenant, importId);
        var lineRows = batch.Lines.Select(LedgerLineRow.From).ToList();
        var customerRows = batch.Customers.Select(LedgerCustomerRow.From).ToList();
        var spendRows = batch.Spend.Select(LedgerSpendRow.From).ToList();
        var rateRows = batch.Rates.Select(LedgerRateRow.From).ToList();
        var movementRows = batch.Movements.Select(LedgerMovementRow.From).ToList();
        var documentRows = batch.Documents.Select(LedgerDocumentRow.From).ToList();
        await UploadAsync(files.Customers, customerRows, "customers/1", cancellationToken);
        await UploadOrDeleteAsync(files.Spend, spendRows, "spend/1", cancellationToken);
        await UploadOrDeleteAsync(files.Rates, rateRows, "rates/1", cancellationToken);
        await UploadOrDeleteAsync(files.Movements, movementRows, "movements/1", cancellationToken);
        await UploadOrDeleteAsync(files.Documents, documentRows, "documents/1", cancellationToken);
        await UploadAsync(files.Lines, lineRows, "revenue-lines/1", cancellationToken);
    }

    public async Task<LedgerBatch?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        var files = Files(tenant, importId);
        using var lineFile = await DownloadAsync(files.Lines, cancellationToken);
        if (lineFile is null)
        {
            return null;
        }

        var customers = await ReadRowsAsync<LedgerCustomerRow>(files.Customers, cancellationToken)
            ?? throw new InvalidOperationException($"Ledger blob {files.Lines.Name} exists but {files.Customers.Name} does not.");
        var spend = await ReadRowsAsync<LedgerSpendRow>(files.Spend, cancellationToken) ?? [];
        var rates = await ReadRowsAsync<LedgerRateRow>(files.Rates, cancellationToken) ?? [];
        var movements = await ReadRowsAsync<LedgerMovementRow>(files.Movements, cancellationToken) ?? [];
        var documents = await ReadRowsAsync<LedgerDocumentRow>(files.Documents, cancellationToken) ?? [];
        return new LedgerBatch(
            await RevenueLineParquetReader.ReadAsync(lineFile, cancellationToken),
            customers.Select(row => row.ToRecord()).ToList())
        {
            Spend = spend.Select(row => row.ToRecord()).ToList(),
            Rates = rates.Select(row => row.ToRecord()).ToList(),
            Movements = movements.Select(row => row.ToRecord()).ToList(),
            Documents = documents.Select(row => row.ToRecord()).ToList(),
        };
    }

    private LedgerFiles Files(TenantId tenant, string importId)
    {
        var folder = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var name = TableStorageLimits.ValidateKey(importId, nameof(importId));
        return new LedgerFiles(
            _container.GetBlobClient($"{folder}/{name}.parquet"),
            _container.GetBlobClient($"{folder}/{name}.customers.parquet"),
            _container.GetBlobClient($"{folder}/{name}.spend.parquet"),
            _container.GetBlobClient($"{folder}/{name}.rates.parquet"),
            _container.GetBlobClient($"{folder}/{name}.movements.parquet"),
            _container.GetBlobClient($"{folder}/{name}.documents.parquet"));
    }

    /// <summary>Writes the rows, or removes the file of an earlier write when there are none.</summary>
    private static async Task UploadOrDeleteAsync<T>(BlobClient blob, List<T> rows, string schema, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return;
        }

        await UploadAsync(blob, rows, schema, cancellationToken);
    }

    /// <summary>Every row of a small Parquet file, or null when the blob does not exist.</summary>
    private static async Task<IList<T>?> ReadRowsAsync<T>(BlobClient blob, CancellationToken cancellationToken)
        where T : class, new()
    {
        using var file = await DownloadAsync(blob, cancellationToken);
        if (file is null)
        {
            return null;
        }

        var rows = await ParquetSerializer.DeserializeAsync<T>(file, Format, rowGroupIndex: null, cancellationToken);
        return rows.Data;
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

    private sealed record LedgerFiles(
        BlobClient Lines, BlobClient Customers, BlobClient Spend, BlobClient Rates, BlobClient Movements, BlobClient Documents);
}
