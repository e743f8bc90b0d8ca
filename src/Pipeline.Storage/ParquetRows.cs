using Parquet;
using Parquet.Serialization;

namespace Pipeline.Storage;

/// <summary>Writes one of a batch's small files (customers, spend, rates, movements, documents) row-wise, in one row group.</summary>
/// <remarks>These hold one record per customer, day, rate or document, not per line, so the row serializer is fast enough.</remarks>
internal static class ParquetRows
{
    private static readonly ParquetOptions Format = new() { CompressionMethod = CompressionMethod.Snappy };

    /// <summary>Serializes <paramref name="rows"/> to <paramref name="output"/>, naming the file's <paramref name="schema"/> in its metadata.</summary>
    public static async Task WriteAsync<T>(Stream output, IEnumerable<T> rows, string schema, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [RevenueLineParquetWriter.SchemaKey] = schema };
        await ParquetSerializer.SerializeAsync(rows, output, Format, metadata, cancellationToken);
    }
}
