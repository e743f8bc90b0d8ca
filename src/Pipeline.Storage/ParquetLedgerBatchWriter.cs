using Azure.Storage.Blobs.Specialized;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary>Writes one import's batch as <see cref="ParquetLedgerStore"/> lays it out: lines and customers streamed in row groups, the lines file committed last.</summary>
/// <remarks>
/// <para>
/// Lines go through a <see cref="RevenueLineParquetWriter"/> onto a <see cref="BlockStagingStream"/>: every row group
/// is staged as an uncommitted block of <c>{importId}.parquet</c> as soon as it is encoded, so memory holds one row
/// group being written and one filling, never the file. Customer records go the same way into the customers file
/// (<see cref="CustomerParquetWriter"/>) as the parse hands them on. The commit then waits for the last row group,
/// completes the customers file, writes the small files (spend, rates, movements, documents and survey responses or
/// their removal), and only then
/// commits the lines file's block list: the lines file still appears last, so its existence still means the batch is
/// complete, and until that instant the import's earlier batch (if a replay is rewriting one) stays readable as it was.
/// </para>
/// <para>
/// Disposed without a commit, the writer is abandoned: no footer, no block list, nothing visible (see
/// <see cref="BlockStagingStream"/> for what happens to the staged blocks).
/// </para>
/// </remarks>
internal sealed class ParquetLedgerBatchWriter(LedgerFiles files, int linesPerRowGroup) : ILedgerBatchWriter
{
    private BlockStagingStream? _staging;
    private RevenueLineParquetWriter? _lines;
    private BlockStagingStream? _customersStaging;
    private CustomerParquetWriter? _customers;
    private bool _done;

    public async Task WriteLinesAsync(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ObjectDisposedException.ThrowIf(_done, this);
        if (lines.Count > 0)
        {
            await (await LinesAsync(cancellationToken)).WriteAsync(lines, cancellationToken);
        }
    }

    public async Task WriteCustomersAsync(IReadOnlyList<CustomerRecord> customers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ObjectDisposedException.ThrowIf(_done, this);
        if (customers.Count > 0)
        {
            await (await CustomersAsync(cancellationToken)).WriteAsync(customers, cancellationToken);
        }
    }

    public async Task CommitAsync(LedgerBatch rest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rest);

        // Every value is checked before anything is written, so a value Parquet cannot hold leaves no file behind.
        foreach (var customer in rest.Customers)
        {
            _ = LedgerCustomerRow.From(customer);
        }

        var spend = rest.Spend.Select(LedgerSpendRow.From).ToList();
        var rates = rest.Rates.Select(LedgerRateRow.From).ToList();
        var movements = rest.Movements.Select(LedgerMovementRow.From).ToList();
        var documents = rest.Documents.Select(LedgerDocumentRow.From).ToList();
        var responses = rest.Responses.Select(LedgerResponseRow.From).ToList();
        await WriteLinesAsync(rest.Lines, cancellationToken);
        await (await LinesAsync(cancellationToken)).CompleteAsync(cancellationToken);
        var customers = await CustomersAsync(cancellationToken);
        await customers.WriteAsync(rest.Customers, cancellationToken);
        await customers.CompleteAsync(cancellationToken);
        await _customersStaging!.CommitAsync(cancellationToken);
        await UploadOrDeleteAsync(files.Spend, spend, "spend/1", cancellationToken);
        await UploadOrDeleteAsync(files.Rates, rates, "rates/1", cancellationToken);
        await UploadOrDeleteAsync(files.Movements, movements, "movements/1", cancellationToken);
        await UploadOrDeleteAsync(files.Documents, documents, "documents/1", cancellationToken);
        await UploadOrDeleteAsync(files.Responses, responses, "responses/1", cancellationToken);
        await _staging!.CommitAsync(cancellationToken);
        _done = true;
    }

    public async ValueTask DisposeAsync()
    {
        _done = true;
        if (_lines is not null)
        {
            await _lines.DisposeAsync();
        }

        if (_staging is not null)
        {
            await _staging.DisposeAsync();
        }

        if (_customers is not null)
        {
            await _customers.DisposeAsync();
            await _customersStaging!.DisposeAsync();
        }
    }

    /// <summary>The customers file's writer, started on first use (a batch without customers still gets an empty customers file).</summary>
    private async Task<CustomerParquetWriter> CustomersAsync(CancellationToken cancellationToken)
    {
        if (_customers is null)
        {
            _customersStaging = new BlockStagingStream(files.Customers, BlockStagingStream.SerializedFileBlockBytes);
            _customers = await CustomerParquetWriter.CreateAsync(_customersStaging, cancellationToken);
        }

        return _customers;
    }

    /// <summary>The lines file's writer, started on first use (a batch without lines still gets an empty lines file).</summary>
    private async Task<RevenueLineParquetWriter> LinesAsync(CancellationToken cancellationToken)
    {
        if (_lines is null)
        {
            _staging = new BlockStagingStream(files.Lines);
            _lines = await RevenueLineParquetWriter.CreateAsync(_staging, _staging.StageAsync, cancellationToken, linesPerRowGroup);
        }

        return _lines;
    }

    /// <summary>Writes the rows, or removes the file of an earlier write when there are none.</summary>
    private static async Task UploadOrDeleteAsync<T>(BlockBlobClient blob, List<T> rows, string schema, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return;
        }

        await UploadAsync(blob, rows, schema, cancellationToken);
    }

    /// <summary>
    /// Serialises the rows onto the blob in blocks of <see cref="BlockStagingStream.SerializedFileBlockBytes"/> staged as
    /// they are written and committed at the end: a large file is never all in memory as one buffer, and the blob
    /// changes in one step.
    /// </summary>
    private static async Task UploadAsync<T>(BlockBlobClient blob, IEnumerable<T> rows, string schema, CancellationToken cancellationToken)
    {
        await using var staging = new BlockStagingStream(blob, BlockStagingStream.SerializedFileBlockBytes);
        await ParquetRows.WriteAsync(staging, rows, schema, cancellationToken);
        await staging.CommitAsync(cancellationToken);
    }
}
