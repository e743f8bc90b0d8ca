using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Parquet;
using Parquet.Serialization;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary><see cref="ILedgerStore"/> on the <c>ledger</c> container, as Parquet files analysts can query directly.</summary>
/// <remarks>
/// <para>
/// One import is up to seven files (Parquet has one schema per file): <c>{tenant}/{importId}.parquet</c> with the
/// revenue lines in source order, <c>{tenant}/{importId}.customers.parquet</c> with the customer records, and,
/// only when the batch has any, <c>{tenant}/{importId}.spend.parquet</c>, <c>{tenant}/{importId}.rates.parquet</c>,
/// <c>{tenant}/{importId}.movements.parquet</c> (payments, refunds, credits),
/// <c>{tenant}/{importId}.documents.parquet</c> (invoice statuses) and <c>{tenant}/{importId}.responses.parquet</c>
/// (survey answers). A missing spend, rates, movements or documents
/// file reads as empty, so batches written before they existed read as before.
/// </para>
/// <para>
/// The lines are written in row groups while the file is parsed (<see cref="ParquetLedgerBatchWriter"/>), as
/// uncommitted blocks of the lines file, and that file is committed last, so an existing lines file means the batch
/// is complete; rewriting replaces every file (and deletes a spend, rates, movements or documents file the new batch
/// no longer has), which keeps a replayed import idempotent. Lines files written in one piece before streaming read
/// the same: the schema is unchanged and the reader goes row group by row group.
/// </para>
/// <para>Column types and the exactness rules are described in <see cref="LedgerValues"/>.</para>
/// </remarks>
internal sealed class ParquetLedgerStore(BlobServiceClient blobs, IOptions<PipelineStorageOptions> options) : ILedgerStore
{
    private static readonly ParquetOptions Format = new() { CompressionMethod = CompressionMethod.Snappy };

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.LedgerContainer);

    /// <summary>Lines per row group of the lines files written (smaller in tests, to make several).</summary>
    internal int LinesPerRowGroup { get; init; } = RevenueLineParquetWriter.DefaultLinesPerRowGroup;

    public ILedgerBatchWriter BeginWrite(TenantId tenant, string importId) =>
        new ParquetLedgerBatchWriter(LedgerFiles.Of(_container, tenant, importId), LinesPerRowGroup);

    public async Task WriteAsync(TenantId tenant, string importId, LedgerBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var writer = BeginWrite(tenant, importId);
        await writer.CommitAsync(batch, cancellationToken);
    }

    public async Task<LedgerBatch?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        var files = LedgerFiles.Of(_container, tenant, importId);
        using var lineFile = await DownloadAsync(files.Lines, cancellationToken);
        if (lineFile is null)
        {
            return null;
        }

        var side = await ReadSideAsync(files, cancellationToken);
        return side with { Lines = await RevenueLineParquetReader.ReadAsync(lineFile, cancellationToken) };
    }

    /// <summary>The batch's files other than the lines (the lines file must exist), with no lines.</summary>
    private static async Task<LedgerBatch> ReadSideAsync(LedgerFiles files, CancellationToken cancellationToken)
    {
        var customers = await ReadRowsAsync<LedgerCustomerRow>(files.Customers, cancellationToken)
            ?? throw new InvalidOperationException($"Ledger blob {files.Lines.Name} exists but {files.Customers.Name} does not.");
        var spend = await ReadRowsAsync<LedgerSpendRow>(files.Spend, cancellationToken) ?? [];
        var rates = await ReadRowsAsync<LedgerRateRow>(files.Rates, cancellationToken) ?? [];
        var movements = await ReadRowsAsync<LedgerMovementRow>(files.Movements, cancellationToken) ?? [];
        var documents = await ReadRowsAsync<LedgerDocumentRow>(files.Documents, cancellationToken) ?? [];
        var responses = await ReadRowsAsync<LedgerResponseRow>(files.Responses, cancellationToken) ?? [];
        return new LedgerBatch([], customers.Select(row => row.ToRecord()).ToList())
        {
            Spend = spend.Select(row => row.ToRecord()).ToList(),
            Rates = rates.Select(row => row.ToRecord()).ToList(),
            Movements = movements.Select(row => row.ToRecord()).ToList(),
            Documents = documents.Select(row => row.ToRecord()).ToList(),
            Responses = responses.Select(row => row.ToRecord()).ToList(),
        };
    }

    public async Task<LedgerBatch?> ReadWithoutLinesAsync(TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        var files = LedgerFiles.Of(_container, tenant, importId);
        if (!await files.Lines.ExistsAsync(cancellationToken))
        {
            return null;
        }

        var batch = await ReadSideAsync(files, cancellationToken);
        return new LedgerBatch([], batch.Customers)
        {
            Spend = batch.Spend, Rates = batch.Rates, Movements = batch.Movements, Documents = batch.Documents, Responses = batch.Responses,
        };
    }

    public async IAsyncEnumerable<IReadOnlyList<RevenueLine>> ReadLinesAsync(
        TenantId tenant, string importId, [EnumeratorCancellation] CancellationToken cancellationToken, bool everyValue = false)
    {
        var files = LedgerFiles.Of(_container, tenant, importId);
        using var lineFile = await DownloadAsync(files.Lines, cancellationToken)
            ?? throw new InvalidOperationException($"The ledger batch of import {importId} of tenant {tenant} is missing.");
        await foreach (var group in RevenueLineParquetReader.ReadGroupsAsync(lineFile, cancellationToken, forRules: !everyValue))
        {
            yield return group;
        }
    }

    /// <summary>Every row of a small Parquet file, or null when the blob does not exist.</summary>
    private static async Task<IList<T>?> ReadRowsAsync<T>(BlobBaseClient blob, CancellationToken cancellationToken)
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

    private static async Task<MemoryStream?> DownloadAsync(BlobBaseClient blob, CancellationToken cancellationToken)
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
