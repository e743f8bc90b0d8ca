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

    private static readonly DateTimeOffset Now = new(2025, 4, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minutes5 = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task TryAddAsync_SameMonthAndVersionTwice_SecondIsRefusedAndFirstKept()
    {
        var first = Samples.Close(Samples.March2025);

        Assert.True(await _log.TryAddAsync(first, CancellationToken.None));
        Assert.False(await _log.TryAddAsync(first with { ClosedBy = "intruder" }, CancellationToken.None));
        Assert.True(await _log.TryAddAsync(Samples.Close(Samples.March2025, version: 2), CancellationToken.None));

        var versions = await _log.ListVersionsAsync(Samples.Tenant, Samples.March2025, CancellationToken.None);
        Assert.Equal([(1, "schedule"), (2, "schedule")], versions.Select(record => (record.Version, record.ClosedBy)));
        Assert.Equal(2, (await _log.FindAsync(Samples.Tenant, Samples.March2025, CancellationToken.None))!.Version);
        Assert.Equal(2, Assert.Single(await _log.ListAsync(Samples.Tenant, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task FindLeaseAsync_HeldLease_SaysByWhomSinceAndUntilWhen_AndBreakingItTakesTheVersionRead()
    {
        var held = await _log.TryAcquireLeaseAsync(Samples.Tenant, "alice on web01 (Pipeline.LocalHost, pid 42), run 1a2b3c4d", Now, Minutes5, CancellationToken.None);
        var renewed = await _log.TryRenewLeaseAsync(held!, Now.AddMinutes(2), Minutes5, CancellationToken.None);

        var found = await _log.FindLeaseAsync(Samples.Tenant, CancellationToken.None);
        var staleBreak = await _log.TryBreakLeaseAsync(held!, CancellationToken.None);
        var broken = await _log.TryBreakLeaseAsync(found!, CancellationToken.None);

        Assert.Equal(
            ("alice on web01 (Pipeline.LocalHost, pid 42), run 1a2b3c4d", Now, Now.AddMinutes(7), renewed!.ETag),
            (found!.Holder, found.AcquiredAt, found.ExpiresAt, found.ETag));
        Assert.Equal("alice on web01 (Pipeline.LocalHost, pid 42), run 1a2b3c4d since 2025-04-03 02:00:00Z, until 2025-04-03 02:07:00Z", found.Describe());
        Assert.Equal((false, true), (staleBreak, broken));
        Assert.Null(await _log.FindLeaseAsync(Samples.Tenant, CancellationToken.None));
        Assert.Null(await _log.TryRenewLeaseAsync(renewed, Now.AddMinutes(3), Minutes5, CancellationToken.None));
        Assert.NotNull(await _log.TryAcquireLeaseAsync(Samples.Tenant, "bob", Now.AddMinutes(3), Minutes5, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_HeldByAnother_RefusedUntilExpiredOrReleased()
    {
        var first = await _log.TryAcquireLeaseAsync(Samples.Tenant, "one", Now, Minutes5, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(await _log.TryAcquireLeaseAsync(Samples.Tenant, "two", Now.AddMinutes(4), Minutes5, CancellationToken.None));
        var taken = await _log.TryAcquireLeaseAsync(Samples.Tenant, "two", Now.AddMinutes(6), Minutes5, CancellationToken.None);
        Assert.Equal(("two", Now.AddMinutes(11)), (taken!.Holder, taken.ExpiresAt));

        Assert.Null(await _log.TryRenewLeaseAsync(first, Now.AddMinutes(7), Minutes5, CancellationToken.None));
        await _log.ReleaseLeaseAsync(first, CancellationToken.None);
        Assert.Null(await _log.TryAcquireLeaseAsync(Samples.Tenant, "three", Now.AddMinutes(7), Minutes5, CancellationToken.None));

        var renewed = await _log.TryRenewLeaseAsync(taken, Now.AddMinutes(8), Minutes5, CancellationToken.None);
        Assert.NotNull(renewed);
        Assert.NotEqual(taken.ETag, renewed.ETag);
        await _log.ReleaseLeaseAsync(renewed, CancellationToken.None);
        Assert.NotNull(await _log.TryAcquireLeaseAsync(Samples.Tenant, "three", Now.AddMinutes(8), Minutes5, CancellationToken.None));
        Assert.Empty(await _log.ListAsync(Samples.Tenant, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_ManyAtOnce_ExactlyOneWins()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(holder =>
            _log.TryAcquireLeaseAsync(Samples.Tenant, $"holder{holder}", Now, Minutes5, CancellationToken.None)));

        Assert.Single(attempts, lease => lease is not null);
    }

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
