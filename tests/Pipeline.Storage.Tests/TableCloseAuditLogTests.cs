using Pipeline.Application.Closes;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableCloseAuditLogTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 3, 3, 6, 0, 0, TimeSpan.Zero);
    private TableCloseAuditLog _log = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _log = new TableCloseAuditLog(storage.Tables, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AppendAsync_Entries_ReadBackByMonthInTimeOrderWithExactDelta()
    {
        var january = new BillingMonth(2025, 1);
        var restatement = new CloseAuditEntry(Samples.Tenant, january, CloseAuditKinds.Restatement, 1, At, "schedule", "late data", -30m / 7m);
        var reopened = new CloseAuditEntry(Samples.Tenant, january, CloseAuditKinds.Reopened, 1, At.AddHours(2), "ops@acme", "missing invoice");
        var closed = new CloseAuditEntry(Samples.Tenant, january, CloseAuditKinds.Closed, 1, At.AddDays(-28), "schedule");
        var february = new CloseAuditEntry(Samples.Tenant, new BillingMonth(2025, 2), CloseAuditKinds.Closed, 1, At, "schedule");

        foreach (var entry in new[] { reopened, february, restatement, closed, restatement })
        {
            await _log.AppendAsync(entry, CancellationToken.None);
        }

        Assert.Equal([closed, restatement, reopened], await _log.ListAsync(Samples.Tenant, january, CancellationToken.None));
        Assert.Equal([closed, restatement, reopened, february], await _log.ListAsync(Samples.Tenant, null, CancellationToken.None));
        Assert.Empty(await _log.ListAsync(TenantId.Parse("globex"), null, CancellationToken.None));
    }
}
