using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary>Writes revenue lines to a Parquet stream one row group at a time, each encoded while the caller parses the next.</summary>
/// <remarks>
/// <para>
/// The schema is <see cref="LedgerLineRow"/>'s, exactly as the row serializer derives it, so a file written here and
/// one written row-wise by an earlier version read alike (<see cref="RevenueLineParquetReader"/>, analysts' tools).
/// The output need not seek: the file is the magic bytes, the row groups and the footer, in order.
/// </para>
/// <para>
/// <see cref="WriteAsync"/> waits for the previous row group, then encodes the given lines on the thread pool and
/// returns: parsing and encoding overlap, and at most one row group is being written while the next is parsed, so the
/// lines held stay two chunks whatever the file's length. After each row group <c>rowGroupWritten</c> runs in the same
/// background task (the blob store stages the bytes as a block there, so the upload overlaps the parse too). A failure
/// surfaces at the next <see cref="WriteAsync"/> or at <see cref="CompleteAsync"/>.
/// </para>
/// <para>
/// Only <see cref="CompleteAsync"/> writes the footer. A writer disposed before it is abandoned: its last row group is
/// awaited (and a failure of it ignored, since nothing of it will be used) and no footer is written, so what reached the
/// stream can never be read as a complete file.
/// </para>
/// </remarks>
internal sealed class RevenueLineParquetWriter : IAsyncDisposable
{
    /// <summary>Custom metadata naming the file's schema and version, as every ledger file carries.</summary>
    public const string SchemaKey = "pipeline.schema";

    public const string SchemaName = "revenue-lines/1";

    private static readonly ParquetSchema Schema = typeof(LedgerLineRow).GetParquetSchema(forWriting: true);

    private readonly ParquetWriter _writer;
    private readonly Func<CancellationToken, Task>? _rowGroupWritten;
    private readonly RevenueLineColumns _columns = new(Schema);
    private Task _pending = Task.CompletedTask;
    private bool _completed;

    private RevenueLineParquetWriter(ParquetWriter writer, Func<CancellationToken, Task>? rowGroupWritten)
    {
        _writer = writer;
        _rowGroupWritten = rowGroupWritten;
    }

    /// <summary>Lines written so far (in row groups finished or being finished).</summary>
    public long Lines { get; private set; }

    /// <summary>Starts a file on <paramref name="output"/>; <paramref name="rowGroupWritten"/> runs after each row group.</summary>
    public static async Task<RevenueLineParquetWriter> CreateAsync(
        Stream output, Func<CancellationToken, Task>? rowGroupWritten, CancellationToken cancellationToken)
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        var writer = await ParquetWriter.CreateAsync(Schema, output, options, append: false, cancellationToken);
        writer.CustomMetadata = new Dictionary<string, string>(StringComparer.Ordinal) { [SchemaKey] = SchemaName };
        return new RevenueLineParquetWriter(writer, rowGroupWritten);
    }

    /// <summary>Waits for the previous row group, then starts writing <paramref name="lines"/> as the next one (nothing for none).</summary>
    /// <remarks>The list is read in the background until the next call or <see cref="CompleteAsync"/> returns: do not change it.</remarks>
    public async Task WriteAsync(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ObjectDisposedException.ThrowIf(_completed, this);
        await _pending;
        if (lines.Count == 0)
        {
            return;
        }

        Lines += lines.Count;
        _pending = Task.Run(() => WriteRowGroupAsync(lines, cancellationToken), cancellationToken);
    }

    /// <summary>Waits for the last row group and writes the footer: the stream then holds a complete file.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        await _pending;
        cancellationToken.ThrowIfCancellationRequested();
        _completed = true;
        await _writer.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _completed = true;
        }
    }

    private async Task WriteRowGroupAsync(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken)
    {
        _columns.Fill(lines);
        using (var group = _writer.CreateRowGroup())
        {
            await _columns.WriteAsync(group, cancellationToken);
        }

        if (_rowGroupWritten is not null)
        {
            await _rowGroupWritten(cancellationToken);
        }
    }
}
