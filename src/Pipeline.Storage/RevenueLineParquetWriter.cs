using Parquet;
using Parquet.Data;
using Parquet.Schema;
using Parquet.Serialization;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary>Writes revenue lines to a Parquet stream in row groups of a fixed size, each encoded while the next one fills.</summary>
/// <remarks>
/// <para>
/// The schema is <see cref="LedgerLineRow"/>'s, exactly as the row serializer derives it, so a file written here and
/// one written row-wise by an earlier version read alike (<see cref="RevenueLineParquetReader"/>, analysts' tools).
/// The output need not seek: the file is the magic bytes, the row groups and the footer, in order.
/// </para>
/// <para>
/// <see cref="WriteAsync"/> copies the lines' values into the row group being filled (<see cref="RevenueLineColumns"/>)
/// and returns: the caller may drop the lines at once, so they die young however long the file. When a row group is
/// full it is encoded on the thread pool while the next one fills from the caller's thread, so parsing and encoding
/// overlap and at most two row groups of values are held, whatever the file's length. After each row group
/// <c>rowGroupWritten</c> runs in the same background task (the blob store stages the bytes as a block there, so the
/// upload overlaps the parse too). A failure surfaces at the next <see cref="WriteAsync"/> that starts a row group, or
/// at <see cref="CompleteAsync"/>.
/// </para>
/// <para>
/// Only <see cref="CompleteAsync"/> writes the footer. A writer disposed before it is abandoned: its last row group is
/// awaited (and a failure of it ignored, since nothing of it will be used) and no footer is written, so what reached
/// the stream can never be read as a complete file.
/// </para>
/// </remarks>
internal sealed class RevenueLineParquetWriter : IAsyncDisposable
{
    /// <summary>Custom metadata naming the file's schema and version, as every ledger file carries.</summary>
    public const string SchemaKey = "pipeline.schema";

    /// <summary>The schema this writer writes: <c>revenue-lines/2</c>, amounts in 64-bit columns (see <see cref="LedgerSchema"/>).</summary>
    /// <remarks><c>revenue-lines/1</c> files, amounts in <c>DECIMAL(38,18)</c> only, are still read alike (<see cref="RevenueLineParquetReader"/>).</remarks>
    public const string SchemaName = "revenue-lines/2";

    /// <summary>The suffix of an amount's wide column, which holds the values its 64-bit column cannot.</summary>
    public const string WideSuffix = "_wide";

    /// <summary>Lines per row group: large enough for Parquet's encodings and statistics to pay off, small enough to hold two.</summary>
    /// <remarks>
    /// Measured with the ingest benchmark on 1,000,000 Stripe invoice lines: 65,536 lines a row group peaked at ~450 MiB
    /// (workstation GC) and ~650 MiB (server GC), 32,768 at ~360 and ~510, 16,384 at ~310 and ~470, at the same speed
    /// within noise and a file 0.5 % larger than with 65,536. Parquet.Net's buffers for a row group being encoded, and
    /// the garbage collections they cause, grow with the row group, so the smallest of these wins; ~4 KiB of footer per
    /// row group (~2.5 MiB for 10,000,000 lines) is the price.
    /// </remarks>
    public const int DefaultLinesPerRowGroup = 16_384;

    private static readonly ParquetSchema Schema = LedgerSchema(typeof(LedgerLineRow).GetParquetSchema(forWriting: true));

    private readonly ParquetWriter _writer;
    private readonly Func<CancellationToken, Task>? _rowGroupWritten;
    private readonly int _linesPerRowGroup;
    private RevenueLineColumns _filling = new(Schema);
    private RevenueLineColumns _encoding = new(Schema);
    private Task _pending = Task.CompletedTask;
    private bool _completed;

    private RevenueLineParquetWriter(ParquetWriter writer, Func<CancellationToken, Task>? rowGroupWritten, int linesPerRowGroup)
    {
        _writer = writer;
        _rowGroupWritten = rowGroupWritten;
        _linesPerRowGroup = linesPerRowGroup;
    }

    /// <summary>Lines written so far (in row groups written, being written or filling).</summary>
    public long Lines { get; private set; }

    /// <summary>Starts a file on <paramref name="output"/>; <paramref name="rowGroupWritten"/> runs after each row group.</summary>
    public static async Task<RevenueLineParquetWriter> CreateAsync(
        Stream output, Func<CancellationToken, Task>? rowGroupWritten, CancellationToken cancellationToken,
        int linesPerRowGroup = DefaultLinesPerRowGroup)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(linesPerRowGroup);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        var writer = await ParquetWriter.CreateAsync(Schema, output, options, append: false, cancellationToken);
        writer.CustomMetadata = new Dictionary<string, string>(StringComparer.Ordinal) { [SchemaKey] = SchemaName };
        return new RevenueLineParquetWriter(writer, rowGroupWritten, linesPerRowGroup);
    }

    /// <summary>Appends <paramref name="lines"/> after those written before; returns once their values are copied.</summary>
    /// <exception cref="ArgumentException">A value the ledger cannot store exactly (see <see cref="LedgerValues"/>).</exception>
    public async Task WriteAsync(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ObjectDisposedException.ThrowIf(_completed, this);
        for (var next = 0; next < lines.Count;)
        {
            var taken = _filling.Append(lines, next, _linesPerRowGroup - _filling.Count);
            (next, Lines) = (next + taken, Lines + taken);
            if (_filling.Count == _linesPerRowGroup)
            {
                await FlushAsync(cancellationToken);
            }
        }
    }

    /// <summary>Writes the last row group and the footer: the stream then holds a complete file.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_filling.Count > 0)
        {
            await FlushAsync(cancellationToken);
        }

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

    /// <summary>The wide column of the amount column <paramref name="column"/> (<c>amount</c> → <c>amount_wide</c>).</summary>
    public static string WideColumn(string column) => column + WideSuffix;

    /// <summary>
    /// <c>revenue-lines/2</c>: <see cref="LedgerLineRow"/>'s schema (<c>revenue-lines/1</c>) with each amount column
    /// (<c>DECIMAL(38,18)</c>, 16-byte big-endian integers) replaced by a nullable <c>DECIMAL(18,6)</c> in an <c>INT64</c>,
    /// and a nullable <c>DECIMAL(38,18)</c> wide column of the same name with <see cref="WideSuffix"/> added at the end.
    /// </summary>
    /// <remarks>
    /// Every value is in exactly one of the two: the 64-bit column where it fits (at most 6 decimals and under 10^12,
    /// nearly every money amount and quantity), the wide one where it does not, so an analyst reads
    /// <c>coalesce(amount, amount_wide)</c>. Parquet.Net encodes a 64-bit value without the big integer a 16-byte one is
    /// built from, and a wide column that is all null costs one run of definition levels.
    /// </remarks>
    private static ParquetSchema LedgerSchema(ParquetSchema rows)
    {
        var amounts = rows.DataFields.OfType<DecimalDataField>().ToList();
        var narrow = rows.DataFields.Select(field => field is DecimalDataField number
            ? new DecimalDataField(number.Name, LedgerValues.NarrowDecimalPrecision, LedgerValues.NarrowDecimalScale, forceByteArrayEncoding: false, isNullable: true)
            : field);
        var wide = amounts.Select(number => new DecimalDataField(
            WideColumn(number.Name), number.Precision, number.Scale, number.ForceByteArrayEncoding, isNullable: true, isArray: false, clrType: typeof(BigDecimal)));
        return new ParquetSchema([.. narrow, .. wide]);
    }

    /// <summary>Waits for the row group being encoded, then encodes the filled one in the background and fills the other.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _pending;
        var full = _filling;
        (_filling, _encoding) = (_encoding, full);
        _filling.Clear();
        _pending = Task.Run(() => WriteRowGroupAsync(full, cancellationToken), cancellationToken);
    }

    private async Task WriteRowGroupAsync(RevenueLineColumns columns, CancellationToken cancellationToken)
    {
        using (var group = _writer.CreateRowGroup())
        {
            await columns.WriteAsync(group, cancellationToken);
        }

        if (_rowGroupWritten is not null)
        {
            await _rowGroupWritten(cancellationToken);
        }
    }
}
