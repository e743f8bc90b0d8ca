using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Parquet;
using Parquet.Serialization;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>A batch written in parts (<see cref="ILedgerStore.BeginWrite"/>): lines in row groups as they come, visible only once committed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ParquetLedgerBatchWriterTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string LinesBlob = "acme/imp1.parquet";

    private static readonly CustomerRecord Customer = new() { CustomerId = "cus_3", Email = "billing@example.com", RowNumber = 4 };

    private BlobContainerClient _container = null!;
    private ParquetLedgerStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _container = storage.Blobs.GetBlobContainerClient(storage.Options.LedgerContainer);
        _store = new ParquetLedgerStore(storage.Blobs, storage.Wrapped) { LinesPerRowGroup = 100 };
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CommitAsync_LinesWrittenInChunksOfAnySize_ReadBackInOrderFromRowGroupsOfTheSetSize()
    {
        var lines = Lines(0, 250);

        await WriteAsync(lines[..70], lines[70..140], lines[140..]);

        var read = await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None);
        Assert.Equal(lines, read!.Lines);
        Assert.Equal(Customer, Assert.Single(read.Customers));
        var (rowGroups, metadata) = await ParquetShapeAsync(LinesBlob);
        Assert.Equal([100L, 100L, 50L], rowGroups);
        Assert.Equal("revenue-lines/2", metadata["pipeline.schema"]);
    }

    [Fact]
    public async Task CommitAsync_RestOfTheBatchHasLines_AppendedAfterTheStreamedOnes()
    {
        var lines = Lines(0, 130);
        await using (var writer = _store.BeginWrite(Samples.Tenant, "imp1"))
        {
            await writer.WriteLinesAsync(lines[..120], CancellationToken.None);
            await writer.CommitAsync(new LedgerBatch(lines[120..], []), CancellationToken.None);
        }

        var read = await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None);

        var (rowGroups, _) = await ParquetShapeAsync(LinesBlob);
        Assert.Equal(lines, read!.Lines);
        Assert.Equal([100L, 30L], rowGroups);
    }

    [Fact]
    public async Task CommitAsync_MoreCustomersThanARowGroupHolds_WrittenInRowGroupsAndReadBackInOrder()
    {
        var customers = Enumerable.Range(0, ParquetRows.RowsPerRowGroup + 10)
            .Select(number => new CustomerRecord { CustomerId = $"cus_{number}", Email = $"c{number}@example.com", RowNumber = number + 2 })
            .ToList();
        await using (var writer = _store.BeginWrite(Samples.Tenant, "imp1"))
        {
            await writer.CommitAsync(new LedgerBatch(Lines(0, 10), customers), CancellationToken.None);
        }

        var read = await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None);

        var (rowGroups, _) = await ParquetShapeAsync("acme/imp1.customers.parquet");
        Assert.Equal(customers, read!.Customers);
        Assert.Equal([(long)ParquetRows.RowsPerRowGroup, 10L], rowGroups);
    }

    [Fact]
    public async Task CommitAsync_CustomersFileLargerThanABlock_StagedInBlocksAsWrittenAndCommittedAsOneFile()
    {
        var customers = BarelyCompressibleCustomers();
        await using (var writer = _store.BeginWrite(Samples.Tenant, "imp1"))
        {
            await writer.CommitAsync(new LedgerBatch(Lines(0, 10), customers), CancellationToken.None);
        }

        var read = await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None);

        var blocks = (await _container.GetBlockBlobClient("acme/imp1.customers.parquet").GetBlockListAsync(BlockListTypes.All)).Value;
        Assert.Equal(customers, read!.Customers);
        Assert.Empty(blocks.UncommittedBlocks);
        Assert.True(blocks.CommittedBlocks.Count() >= 2, $"{blocks.CommittedBlocks.Count()} committed block(s) of {string.Join(", ", blocks.CommittedBlocks.Select(block => block.SizeLong))} bytes");
        Assert.All(blocks.CommittedBlocks.SkipLast(1), block => Assert.InRange(block.SizeLong, BlockStagingStream.SerializedFileBlockBytes, 2L * BlockStagingStream.SerializedFileBlockBytes));
    }

    [Fact]
    public async Task WriteCustomersAsync_StreamedBeforeTheCommit_StagedInBlocksThenReadBackInOrderWithTheRest()
    {
        // Records as a parse hands them on: 200,000 customers in chunks, then a second record of some (a changed e-mail),
        // and the commit's own; ~6 MB of Parquet staged while written, nothing visible before the commit.
        var first = BarelyCompressibleCustomers();
        var changed = first.Where((_, index) => index % 1_000 == 0).Select(record => new CustomerRecord
        {
            CustomerId = record.CustomerId, Email = "new-" + record.Email, RowNumber = record.RowNumber + 300_000,
        }).ToList();
        var atCommit = new CustomerRecord { CustomerId = "cus_last", Country = "NL", RowNumber = 600_000 };
        await using (var writer = _store.BeginWrite(Samples.Tenant, "imp1"))
        {
            foreach (var chunk in first.Chunk(16_384))
            {
                await writer.WriteCustomersAsync(chunk, CancellationToken.None);
            }

            await writer.WriteCustomersAsync(changed, CancellationToken.None);
            var staged = (await _container.GetBlockBlobClient("acme/imp1.customers.parquet").GetBlockListAsync(BlockListTypes.Uncommitted)).Value;
            Assert.NotEmpty(staged.UncommittedBlocks);
            Assert.Null(await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None));

            await writer.CommitAsync(new LedgerBatch(Lines(0, 10), [atCommit]), CancellationToken.None);
        }

        var read = await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None);

        Assert.Equal([.. first, .. changed, atCommit], read!.Customers);
        var blocks = (await _container.GetBlockBlobClient("acme/imp1.customers.parquet").GetBlockListAsync(BlockListTypes.All)).Value;
        Assert.Empty(blocks.UncommittedBlocks);
        Assert.True(blocks.CommittedBlocks.Count() >= 2);
    }

    [Fact]
    public async Task WriteLinesAsync_BeforeTheCommit_BlocksAreStagedButNoBatchIsVisible()
    {
        var lines = Lines(0, 300);
        await using var writer = _store.BeginWrite(Samples.Tenant, "imp1");
        await writer.WriteLinesAsync(lines[..100], CancellationToken.None);
        await writer.WriteLinesAsync(lines[100..200], CancellationToken.None);
        await writer.WriteLinesAsync(lines[200..], CancellationToken.None);

        var staged = await _container.GetBlockBlobClient(LinesBlob).GetBlockListAsync(BlockListTypes.Uncommitted);

        Assert.True(staged.Value.UncommittedBlocks.Count() >= 2);
        Assert.Null(await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None));
        Assert.Empty(await LedgerBlobs.NamesAsync(_container));
    }

    [Fact]
    public async Task DisposeAsync_WithoutCommit_LeavesNoBatchAndARerunConverges()
    {
        var lines = Lines(0, 300);
        await using (var abandoned = _store.BeginWrite(Samples.Tenant, "imp1"))
        {
            await abandoned.WriteLinesAsync(lines[..100], CancellationToken.None);
            await abandoned.WriteLinesAsync(lines[100..200], CancellationToken.None);
        }

        Assert.Null(await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None));
        Assert.Empty(await LedgerBlobs.NamesAsync(_container));

        await WriteAsync(lines[..100], lines[100..200], lines[200..]);

        Assert.Equal(lines, (await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None))!.Lines);
        Assert.Equal(["acme/imp1.customers.parquet", LinesBlob], await LedgerBlobs.NamesAsync(_container));
    }

    [Fact]
    public async Task WriteLinesAsync_ALaterLineCannotBeStored_FailsAndNoBatchIsVisibleThenARerunConverges()
    {
        var lines = Lines(0, 300);
        var inexact = lines[150] with { Amount = 0.1234567890123456789m };
        List<RevenueLine> broken = [.. lines[100..150], inexact, .. lines[151..200]];

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(lines[..100], broken, lines[200..]));

        Assert.Contains("amount", failure.Message, StringComparison.Ordinal);
        Assert.Null(await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None));
        Assert.Empty(await LedgerBlobs.NamesAsync(_container));
        await WriteAsync(lines[..100], lines[100..200], lines[200..]);
        Assert.Equal(lines, (await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None))!.Lines);
    }

    [Fact]
    public async Task DisposeAsync_RewriteAbandonedHalfWay_TheEarlierCompleteBatchStaysAsItWas()
    {
        var earlier = Lines(0, 150);
        await WriteAsync(earlier[..100], earlier[100..]);
        await using (var rewrite = _store.BeginWrite(Samples.Tenant, "imp1"))
        {
            await rewrite.WriteLinesAsync(Lines(500, 100), CancellationToken.None);
            await rewrite.WriteLinesAsync(Lines(600, 100), CancellationToken.None);
        }

        var read = await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None);

        var (rowGroups, _) = await ParquetShapeAsync(LinesBlob);
        Assert.Equal(earlier, read!.Lines);
        Assert.Equal([100L, 50L], rowGroups);
    }

    [Fact]
    public async Task CommitAsync_TwoRunsOfTheSameImportInterleaved_TheBatchIsTheirCommonContent()
    {
        var lines = Lines(0, 300);
        var slow = _store.BeginWrite(Samples.Tenant, "imp1");
        await slow.WriteLinesAsync(lines[..100], CancellationToken.None);
        await slow.WriteLinesAsync(lines[100..200], CancellationToken.None);

        await WriteAsync(lines[..100], lines[100..200], lines[200..]);
        await slow.WriteLinesAsync(lines[200..], CancellationToken.None);
        await slow.CommitAsync(new LedgerBatch([], [Customer]), CancellationToken.None);
        await slow.DisposeAsync();

        Assert.Equal(lines, (await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None))!.Lines);
    }

    [Fact]
    public async Task CommitAsync_StreamedFile_HasTheColumnsEarlierVersionsWroteWithAmountsIn64BitsOrElseInWideColumns()
    {
        var lines = Lines(0, 40).Select((line, index) => index % 3 == 0
            ? line with { Origin = LineOrigin.SubscriptionSnapshot, SnapshotTakenAt = line.ServiceStart, CancelsAtEnd = true, Interval = null }
            : line with { RefundedAt = line.ServiceStart.AddDays(3), Status = DocumentStatus.Refunded, IntervalInferred = true, Tax = 0.0000001m * index })
            .ToList();
        await WriteAsync(lines[..25], lines[25..]);

        using var file = new MemoryStream();
        await _container.GetBlobClient(LinesBlob).DownloadToAsync(file);
        file.Position = 0;
        var rows = await ParquetSerializer.DeserializeUntypedAsync(file);
        using var legacy = new MemoryStream();
        await ParquetSerializer.SerializeAsync(lines.Select(LegacyLineRows.From), legacy);
        legacy.Position = 0;
        var legacyRows = await ParquetSerializer.DeserializeUntypedAsync(legacy);

        // Row by row, every value as the row-wise line rows of revenue-lines/1 hold it, each amount read as
        // coalesce(amount, amount_wide); a tax of 7 decimals is in the wide column, one of 6 (0.0000010) in the 64-bit one.
        string[] amounts = ["quantity", "amount", "discount", "tax"];
        var columns = rows.Schema.GetDataFields().Select(field => field.Name).Where(name => !name.EndsWith("_wide", StringComparison.Ordinal)).ToList();
        var coalesced = rows.Data.Select(row => columns
            .Select(column => (column, value: row.GetValueOrDefault(column) ?? (amounts.Contains(column) ? row.GetValueOrDefault(column + "_wide") : null)))
            .Where(pair => pair.value is not null)
            .ToDictionary(pair => pair.column, pair => pair.value!) as IDictionary<string, object>).ToList();
        Assert.Equal(legacyRows.Data.Select(Json), coalesced.Select(Json));
        Assert.Equal(Enumerable.Range(0, 40).Select(index => index % 3 != 0 && index % 10 != 0), rows.Data.Select(row => row.GetValueOrDefault("tax") is null));
        Assert.Equal(0.0000001m, rows.Data[1]["tax_wide"]);

        var expected = (await LedgerBlobs.SchemaAsync(legacy)).Select(field => Describe(field))
            .Select(field => amounts.Any(amount => field.StartsWith(amount + " ", StringComparison.Ordinal))
                ? field.Split(' ')[0] + " System.Decimal True decimal(18,6)"
                : field)
            .Concat(amounts.Select(amount => $"{amount}_wide System.Decimal True decimal(38,18)"));
        Assert.Equal(expected, (await LedgerBlobs.SchemaAsync(_container, LinesBlob)).Select(field => Describe(field)));
    }

    /// <summary>A row as JSON, each decimal without trailing zeros (Parquet.Net decodes a column at its scale: 12.5 at scale 6 is 12.500000).</summary>
    /// <summary>
    /// 200,000 customers whose hexadecimal names and e-mails barely compress (a third with a creation date): ~6 MB of
    /// Parquet, more than one staged block of 4 MiB.
    /// </summary>
    private static List<CustomerRecord> BarelyCompressibleCustomers() =>
        Enumerable.Range(0, 200_000)
            .Select(number => new CustomerRecord
            {
                CustomerId = $"cus_{number:D8}",
                Name = new Guid(number, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).ToString("N") + Convert.ToHexString(BitConverter.GetBytes(number * 7919L)),
                Email = $"{Convert.ToHexString(BitConverter.GetBytes(number * 104_729L))}@example.com",
                CreatedAt = number % 3 == 0 ? new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(number) : null,
                RowNumber = number + 2,
            })
            .ToList();

    private static string Json(IDictionary<string, object> row) => System.Text.Json.JsonSerializer.Serialize(
        row.ToDictionary(pair => pair.Key, pair => pair.Value is decimal number ? number / 1.000000000000000000000000000000000m : pair.Value));

    private static string Describe(Parquet.Schema.DataField field) => field switch
    {
        Parquet.Schema.DecimalDataField number => $"{field.Name} {field.ClrType} {field.IsNullable} decimal({number.Precision},{number.Scale})",
        Parquet.Schema.DateTimeDataField instant => $"{field.Name} {field.ClrType} {field.IsNullable} {instant.Unit} utc={instant.IsAdjustedToUTC}",
        _ => $"{field.Name} {field.ClrType} {field.IsNullable}",
    };

    private static List<RevenueLine> Lines(int first, int count) =>
        Enumerable.Range(first, count).Select(row => Samples.Line(row)).ToList();

    /// <summary>One import written as a writer does in an ingest: the chunks, then the customers at the commit.</summary>
    private async Task WriteAsync(params List<RevenueLine>[] chunks)
    {
        await using var writer = _store.BeginWrite(Samples.Tenant, "imp1");
        foreach (var chunk in chunks)
        {
            await writer.WriteLinesAsync(chunk, CancellationToken.None);
        }

        await writer.CommitAsync(new LedgerBatch([], [Customer]), CancellationToken.None);
    }

    private async Task<(long[] RowGroups, IReadOnlyDictionary<string, string> Metadata)> ParquetShapeAsync(string blobName)
    {
        using var file = new MemoryStream();
        await _container.GetBlobClient(blobName).DownloadToAsync(file);
        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file);
        var rowGroups = Enumerable.Range(0, reader.RowGroupCount).Select(index => reader.OpenRowGroupReader(index).RowCount).ToArray();
        return (rowGroups, reader.CustomMetadata);
    }
}
