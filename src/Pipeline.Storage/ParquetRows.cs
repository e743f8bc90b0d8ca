using Parquet;
using Parquet.Serialization;

namespace Pipeline.Storage;

/// <summary>Writes one of a batch's smaller files (customers, spend, rates, movements, documents) row-wise.</summary>
/// <remarks>
/// These hold one record per customer, day, rate or document, not per line, so the row serializer is fast enough. It
/// takes the rows in row groups of <see cref="RowsPerRowGroup"/> as it enumerates them, so a lazily made sequence (a
/// large file's customers) is never all in memory at once. The row groups are small enough that none of the
/// serializer's arrays per row group (the rows, each column's values and levels) reaches the large-object heap: with
/// 65,536 rows a group, writing the 833,276 customers of 10 million Stripe lines left ~180 MiB of such arrays for a full
/// collection and raised the ingest's peak working set from ~480 to ~700 MiB.
/// </remarks>
internal static class ParquetRows
{
    public const int RowsPerRowGroup = 8_192;

    private static readonly ParquetOptions Format = new() { CompressionMethod = CompressionMethod.Snappy, RowGroupSize = RowsPerRowGroup };

    /// <summary>Serializes <paramref name="rows"/> to <paramref name="output"/>, naming the file's <paramref name="schema"/> in its metadata.</summary>
    public static async Task WriteAsync<T>(Stream output, IEnumerable<T> rows, string schema, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [RevenueLineParquetWriter.SchemaKey] = schema };
        await ParquetSerializer.SerializeAsync(rows, output, Format, metadata, cancellationToken);
    }
}
