using Pipeline.Application.Closes;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableCloseLogTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private TableCloseLog _log = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _log = new TableCloseLog(storage.Tables, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SaveAsync_NewRecord_FindsItExactly()
    {
        var record = Samples.Close(Samples.March2025);

        await _log.SaveAsync(record, CancellationToken.None);

        var found = await _log.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None);
        Assert.Equal(record, found);
        Assert.Equal("20.666666666666666666666666667", found!.Mrr.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SaveAsync_ExistingRecord_ReplacesIt()
    {
        await _log.SaveAsync(Samples.Close(Samples.March2025), CancellationToken.None);
        var reopened = Samples.Close(Samples.March2025, version: 2) with { Status = CloseStatus.Reopened, ClosedBy = "ops@acme" };

        await _log.SaveAsync(reopened, CancellationToken.None);

        Assert.Equal(reopened, await _log.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_MonthNeverClosed_ReturnsNull()
    {
        Assert.Null(await _log.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_SavedOutOfOrder_ReturnsOldestMonthFirstForTheTenantOnly()
    {
        foreach (var month in new[] { new BillingMonth(2025, 2), new BillingMonth(2024, 12), new BillingMonth(2025, 1) })
        {
            await _log.SaveAsync(Samples.Close(month), CancellationToken.None);
        }

        await _log.SaveAsync(Samples.Close(Samples.March2025) with { Tenant = TenantId.Parse("globex") }, CancellationToken.None);

        var records = await _log.ListAsync(Samples.Tenant, CancellationToken.None);

        Assert.Equal(["2024-12", "2025-01", "2025-02"], records.Select(record => record.Month.ToString()));
    }
}
