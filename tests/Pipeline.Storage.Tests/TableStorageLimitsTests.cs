using Azure.Data.Tables;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableStorageLimitsTests(AzuriteInstance azurite)
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\u007Fb")]
    [InlineData("")]
    public void ValidateKey_ForbiddenKey_ThrowsArgumentExceptionNamingTheParameter(string key)
    {
        var failure = Assert.Throws<ArgumentException>(() => TableStorageLimits.ValidateKey(key, "importId"));

        Assert.Equal("importId", failure.ParamName);
    }

    [Fact]
    public void ValidateKey_LongerThan512Characters_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => TableStorageLimits.ValidateKey(new string('a', 513), "rowKey"));
        Assert.Equal(512, TableStorageLimits.ValidateKey(new string('a', 512), "rowKey").Length);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("2025-03|segment=smb")]
    [InlineData("3f2a9c0e")]
    [InlineData("Ñandú & co.")]
    public void ValidateKey_AllowedKey_ReturnsIt(string key)
    {
        Assert.Equal(key, TableStorageLimits.ValidateKey(key, "rowKey"));
    }

    [Fact]
    public void ValidateEntity_MoreThan252Properties_ThrowsArgumentException()
    {
        var entity = new TableEntity("acme", "row");
        for (var index = 0; index < 253; index++)
        {
            entity[$"P{index}"] = index;
        }

        Assert.Throws<ArgumentException>(() => TableStorageLimits.ValidateEntity(entity));
        entity.Remove("P0");
        TableStorageLimits.ValidateEntity(entity);
    }

    [Fact]
    public void ValidateEntity_StringLongerThan64KiB_ThrowsArgumentException()
    {
        var entity = new TableEntity("acme", "row") { ["Reason"] = new string('x', (32 * 1024) + 1) };

        Assert.Throws<ArgumentException>(() => TableStorageLimits.ValidateEntity(entity));
    }

    [Fact]
    public void ValidateEntity_LargerThanOneMiB_ThrowsArgumentException()
    {
        var entity = new TableEntity("acme", "row");
        for (var index = 0; index < 17; index++)
        {
            entity[$"Part{index}"] = new string('x', 32 * 1024);
        }

        Assert.Throws<ArgumentException>(() => TableStorageLimits.ValidateEntity(entity));
    }

    [Fact]
    public void SplitIntoBatches_250OperationsOnOnePartition_MakesBatchesOf100()
    {
        var batches = TableStorageLimits.SplitIntoBatches(Upserts("acme", 250));

        Assert.Equal([100, 100, 50], batches.Select(batch => batch.Count));
    }

    [Fact]
    public void SplitIntoBatches_TwoPartitions_NeverMixesThem()
    {
        var batches = TableStorageLimits.SplitIntoBatches([.. Upserts("acme", 3), .. Upserts("globex", 2), .. Upserts("acme", 1)]);

        Assert.Equal([4, 2], batches.Select(batch => batch.Count));
        Assert.All(batches, batch => Assert.Single(batch.Select(action => action.Entity.PartitionKey).Distinct()));
    }

    [Fact]
    public void SplitIntoBatches_LargeEntities_KeepsEachBatchUnder4MiB()
    {
        var actions = Upserts("acme", 80, payload: new string('x', 30_000));

        var batches = TableStorageLimits.SplitIntoBatches(actions);

        Assert.True(batches.Count >= 2);
        Assert.All(batches, batch => Assert.True(batch.Sum(action => TableStorageLimits.EstimateSize(action.Entity, out _)) <= 4 * 1024 * 1024));
        Assert.Equal(80, batches.Sum(batch => batch.Count));
    }

    [Fact]
    public void SplitIntoBatches_EntityWithForbiddenKey_ThrowsArgumentException()
    {
        TableTransactionAction[] actions = [new(TableTransactionActionType.UpsertReplace, new TableEntity("acme", "a/b"))];

        Assert.Throws<ArgumentException>(() => TableStorageLimits.SplitIntoBatches(actions));
    }

    [Fact]
    public async Task SubmitInBatchesAsync_250Upserts_WritesThemAll()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteInstance.UniqueName("batch"));
        await table.CreateIfNotExistsAsync();

        await TableStorageLimits.SubmitInBatchesAsync(table, Upserts("acme", 250), CancellationToken.None);

        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            count++;
        }

        Assert.Equal(250, count);
    }

    private static List<TableTransactionAction> Upserts(string partition, int count, string payload = "x") =>
        Enumerable.Range(0, count)
            .Select(index => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, $"{partition}-{Guid.NewGuid():N}-{index:D4}") { ["Payload"] = payload }))
            .ToList();
}
