using Parquet;
using Parquet.Serialization;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage.Tests;

public sealed class RevenueLineParquetReaderTests
{
    [Fact]
    public async Task ReadAsync_SeveralRowGroups_ReadsEveryLineInOrder()
    {
        var lines = Enumerable.Range(0, 2_500).Select(row => Samples.Line(row) with { Plan = row % 2 == 0 ? null : "pro" }).ToList();
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(lines.Select(LegacyLineRows.From), file, new ParquetOptions { RowGroupSize = 1_000 });
        file.Position = 0;
        await using (var parquet = await ParquetReader.CreateAsync(file, leaveStreamOpen: true))
        {
            Assert.Equal(3, parquet.RowGroupCount);
        }

        file.Position = 0;
        var read = await RevenueLineParquetReader.ReadAsync(file, CancellationToken.None);

        Assert.Equal(lines, read);
        Assert.Same(read[1].CustomerId, read[8].CustomerId);
    }

    [Fact]
    public async Task ReadAsync_FileWrittenBeforeTheSnapshotColumns_ReadsInvoiceLineDefaults()
    {
        var snapshot = Samples.Line(1) with
        {
            Origin = Domain.LineOrigin.SubscriptionSnapshot,
            SnapshotTakenAt = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero),
            CurrentPeriodStart = new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero),
            CancelsAtEnd = true,
        };
        using var full = new MemoryStream();
        await ParquetSerializer.SerializeAsync(new[] { LegacyLineRows.From(snapshot) }, full);
        full.Position = 0;
        using var legacy = await WithoutColumnsAsync(
            full, LedgerLineRow.OriginColumn, LedgerLineRow.SnapshotTakenAtColumn, LedgerLineRow.CurrentPeriodStartColumn, LedgerLineRow.CancelsAtEndColumn);

        var read = await RevenueLineParquetReader.ReadAsync(legacy, CancellationToken.None);

        Assert.Equal(Samples.Line(1), Assert.Single(read));
    }

    [Fact]
    public async Task ReadAsync_FileWithoutAColumn_ThrowsInvalidDataExceptionNamingIt()
    {
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(new[] { new LedgerCustomerRow { CustomerId = "c" } }, file);
        file.Position = 0;

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => RevenueLineParquetReader.ReadAsync(file, CancellationToken.None));

        Assert.Contains("line_key", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A copy of a Parquet file without the named columns (a file of an earlier schema).</summary>
    private static async Task<MemoryStream> WithoutColumnsAsync(Stream source, params string[] dropped)
    {
        var untyped = await ParquetSerializer.DeserializeUntypedAsync(source);
        var fields = untyped.Schema.Fields.Where(field => !dropped.Contains(field.Name, StringComparer.Ordinal)).ToArray();
        Assert.Equal(untyped.Schema.Fields.Count - dropped.Length, fields.Length);
        foreach (var row in untyped.Data)
        {
            foreach (var name in dropped)
            {
                row.Remove(name);
            }
        }

        var copy = new MemoryStream();
        await ParquetSerializer.SerializeUntypedAsync(untyped.Data.Select(row => (IDictionary<string, object?>)row!).ToList(), new Parquet.Schema.ParquetSchema(fields), copy);
        copy.Position = 0;
        return copy;
    }
}
