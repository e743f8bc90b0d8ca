using System.Globalization;
using Parquet;
using Pipeline.Domain;

namespace Pipeline.Storage.Tests;

public sealed class RevenueLineParquetWriterTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-12.5")]
    [InlineData("1.50000000000000000000")]
    [InlineData("-0.000000000000000001")]
    [InlineData("79228162514.264337593543950335")]
    [InlineData("-99999999999999999999.99999999")]
    public async Task WriteAsync_DecimalsOfEveryScale_ReadBackExactly(string written)
    {
        var value = decimal.Parse(written, CultureInfo.InvariantCulture);
        var line = Samples.Line(1) with { Amount = value, Quantity = value, Discount = value, Tax = -value };

        var read = await RoundTripAsync([[line]], RevenueLineParquetWriter.DefaultLinesPerRowGroup, expectedRowGroups: 1);

        var back = Assert.Single(read);
        Assert.Equal((value, value, value, -value), (back.Amount, back.Quantity, back.Discount, back.Tax));
    }

    [Fact]
    public async Task WriteAsync_ChunksOfAnySize_RowGroupsOfTheSetSizeInOrder()
    {
        var lines = Enumerable.Range(0, 50).Select(row => Samples.Line(row)).ToList();

        var read = await RoundTripAsync([lines[..20], [], lines[20..45], lines[45..]], linesPerRowGroup: 16, expectedRowGroups: 4);

        Assert.Equal(lines, read);
    }

    [Fact]
    public async Task DisposeAsync_WithoutComplete_WritesNoFooterSoTheBytesAreNoParquetFile()
    {
        using var output = new MemoryStream();
        await using (var writer = await RevenueLineParquetWriter.CreateAsync(output, rowGroupWritten: null, CancellationToken.None, linesPerRowGroup: 1))
        {
            await writer.WriteAsync([Samples.Line(1), Samples.Line(2)], CancellationToken.None);
        }

        Assert.True(output.Length > 4);
        await Assert.ThrowsAnyAsync<Exception>(() => RevenueLineParquetReader.ReadAsync(new MemoryStream(output.ToArray()), CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_RowGroupWrittenHook_RunsAfterEachRowGroupWithItsBytesInTheStream()
    {
        using var output = new MemoryStream();
        var lengths = new List<long>();
        await using var writer = await RevenueLineParquetWriter.CreateAsync(output, _ =>
        {
            lengths.Add(output.Length);
            return Task.CompletedTask;
        }, CancellationToken.None, linesPerRowGroup: 2);

        await writer.WriteAsync([Samples.Line(1)], CancellationToken.None);
        await writer.WriteAsync([Samples.Line(2), Samples.Line(3)], CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        Assert.Equal(2, lengths.Count);
        Assert.True(lengths[0] > 4 && lengths[1] > lengths[0] && output.Length > lengths[1]);
        Assert.Equal(3L, writer.Lines);
    }

    [Fact]
    public async Task WriteAsync_ValueParquetCannotHoldExactly_FailsBeforeReturningWithTheRowAndColumn()
    {
        using var output = new MemoryStream();
        await using var writer = await RevenueLineParquetWriter.CreateAsync(output, rowGroupWritten: null, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ArgumentException>(() =>
            writer.WriteAsync([Samples.Line(1), Samples.Line(2) with { Discount = 1m / 3m }], CancellationToken.None));

        Assert.StartsWith("Ledger row 3: discount", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<List<RevenueLine>> RoundTripAsync(List<RevenueLine>[] chunks, int linesPerRowGroup, int expectedRowGroups)
    {
        using var output = new MemoryStream();
        await using (var writer = await RevenueLineParquetWriter.CreateAsync(output, rowGroupWritten: null, CancellationToken.None, linesPerRowGroup))
        {
            foreach (var chunk in chunks)
            {
                await writer.WriteAsync(chunk, CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(output.ToArray()));
        Assert.Equal(expectedRowGroups, reader.RowGroupCount);
        return await RevenueLineParquetReader.ReadAsync(new MemoryStream(output.ToArray()), CancellationToken.None);
    }
}
