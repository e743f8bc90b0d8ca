using Azure;
using Azure.Data.Tables;
using Pipeline.Application.Kpis;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>The races of <see cref="MonthRowsReplacement"/>: another writer lands between its read and its first transaction.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MonthRowsReplacementTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Basic = "seg|2025-03|plan=basic";
    private const string Pro = "seg|2025-03|plan=pro";

    private TableClient _table = null!;
    private string _tableName = "";

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _tableName = storage.Options.KpiSnapshotsTable;
        _table = storage.Tables.GetTableClient(_tableName);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReplaceAsync_ProvisionalWhileACloseUpdatesItsRows_ReadsAgainAndReturnsFalse()
    {
        await _table.AddEntityAsync(Row(Basic, KpiStatus.Provisional, "old"));
        var racing = Interfering(table => table.UpsertEntityAsync(Row(Basic, KpiStatus.Closed, "close"), TableUpdateMode.Replace));

        Assert.False(await ReplaceAsync(racing, KpiStatus.Provisional, Row(Basic, KpiStatus.Provisional, "new")));

        Assert.Equal([(Basic, "close")], Rows());
        Assert.Equal(1, racing.Interferences);
    }

    [Fact]
    public async Task ReplaceAsync_ProvisionalWhileACloseAddsItsRows_ReadsAgainAndReturnsFalse()
    {
        var racing = Interfering(table => table.AddEntityAsync(Row(Basic, KpiStatus.Closed, "close")));

        Assert.False(await ReplaceAsync(racing, KpiStatus.Provisional, Row(Basic, KpiStatus.Provisional, "new"), Row(Pro, KpiStatus.Provisional, "new")));

        Assert.Equal([(Basic, "close")], Rows());
    }

    [Fact]
    public async Task ReplaceAsync_ClosedWhileAStaleRowIsDeleted_ReadsAgainAndSucceeds()
    {
        await _table.AddEntityAsync(Row(Pro, KpiStatus.Provisional, "old"));
        var racing = Interfering(table => table.DeleteEntityAsync("acme", Pro));

        Assert.True(await ReplaceAsync(racing, KpiStatus.Closed, Row(Basic, KpiStatus.Closed, "close")));

        Assert.Equal([(Basic, "close")], Rows());
    }

    private static TableEntity Row(string rowKey, KpiStatus status, string figure) =>
        new("acme", rowKey) { ["Status"] = status.ToString(), ["Figure"] = figure };

    private static Task<bool> ReplaceAsync(TableClient table, KpiStatus status, params TableEntity[] rows) =>
        MonthRowsReplacement.ReplaceAsync(table, "acme", Samples.March2025, status, rows, [SnapshotRowKeys.Segments], CancellationToken.None);

    private InterferingTableClient Interfering(Func<TableClient, Task> interference) =>
        new(azurite.ConnectionString, _tableName, () => interference(_table));

    private List<(string, object)> Rows() => _table.Query<TableEntity>().Select(row => (row.RowKey, row["Figure"])).ToList();

    /// <summary>Runs another writer's operation just before its first transaction goes out.</summary>
    private sealed class InterferingTableClient(string connectionString, string tableName, Func<Task> interference)
        : TableClient(connectionString, tableName)
    {
        public int Interferences { get; private set; }

        public override async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(
            IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
        {
            if (Interferences++ == 0)
            {
                await interference();
            }

            return await base.SubmitTransactionAsync(transactionActions, cancellationToken);
        }
    }
}
