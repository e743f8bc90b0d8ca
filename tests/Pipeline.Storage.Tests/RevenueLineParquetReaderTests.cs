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
        await ParquetSerializer.SerializeAsync(lines.Select(LedgerLineRow.From), file, new ParquetOptions { RowGroupSize = 1_000 });
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
    public async Task ReadAsync_FileWithoutAColumn_ThrowsInvalidDataExceptionNamingIt()
    {
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(new[] { new LedgerCustomerRow { CustomerId = "c" } }, file);
        file.Position = 0;

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => RevenueLineParquetReader.ReadAsync(file, CancellationToken.None));

        Assert.Contains("line_key", failure.Message, StringComparison.Ordinal);
    }
}
