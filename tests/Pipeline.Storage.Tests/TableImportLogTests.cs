using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableImportLogTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private TableImportLog _log = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _log = new TableImportLog(storage.Tables, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAddAsync_FirstClaim_StoresTheRecordExactly()
    {
        var record = Samples.Import();

        Assert.True(await _log.TryAddAsync(record, CancellationToken.None));

        var found = await _log.FindAsync(Samples.Tenant, record.ImportId, CancellationToken.None);
        Assert.Equal(record, found);
        Assert.Equal(record.ReceivedAt.UtcDateTime, found!.ReceivedAt.UtcDateTime);
    }

    [Fact]
    public async Task TryAddAsync_SecondClaimOfTheSameId_ReturnsFalseAndKeepsTheFirst()
    {
        var first = Samples.Import();
        await _log.TryAddAsync(first, CancellationToken.None);

        var second = first with { BlobName = "acme/copy.csv", Status = ImportStatus.Processing };
        Assert.False(await _log.TryAddAsync(second, CancellationToken.None));

        Assert.Equal(first, await _log.FindAsync(Samples.Tenant, first.ImportId, CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_ExistingRecord_ReplacesItIncludingNulls()
    {
        var claimed = Samples.Import() with { Status = ImportStatus.Processing, Reason = "first try" };
        await _log.TryAddAsync(claimed, CancellationToken.None);

        var failed = claimed with
        {
            Status = ImportStatus.Failed,
            Reason = null,
            Format = null,
            FirstMonth = null,
            LastMonth = null,
            CompletedAt = null,
            DuplicateOf = "abc",
            Attempts = 3,
        };
        await _log.SaveAsync(failed, CancellationToken.None);

        Assert.Equal(failed, await _log.FindAsync(Samples.Tenant, claimed.ImportId, CancellationToken.None));
    }

    [Fact]
    public async Task TryReplaceAsync_ClaimWithLease_RoundTripsAndAStaleETagLosesToTheRunThatWroteFirst()
    {
        var until = new DateTimeOffset(2025, 8, 10, 9, 2, 0, TimeSpan.Zero);
        var claim = Samples.Import() with { Status = ImportStatus.Processing, LeaseOwner = "host-a (Pipeline.LocalHost, pid 1), run aaaa0001", LeaseUntil = until };
        var claimed = await _log.TryClaimAsync(claim, CancellationToken.None);
        var read = await _log.FindVersionAsync(Samples.Tenant, claim.ImportId, CancellationToken.None);

        // Two runs resume the same expired claim from the same row version: the first write wins, the second gets null.
        var first = claim with { Attempts = 2, LeaseOwner = "host-b (Pipeline.LocalHost, pid 2), run bbbb0002", LeaseUntil = until.AddMinutes(3) };
        var second = claim with { Attempts = 2, LeaseOwner = "cli on ops (pipeline, pid 3), run cccc0003", LeaseUntil = until.AddMinutes(3) };
        var won = await _log.TryReplaceAsync(first, read!.ETag, CancellationToken.None);
        var lost = await _log.TryReplaceAsync(second, read.ETag, CancellationToken.None);
        var gone = await _log.TryReplaceAsync(Samples.Import("absent") with { Status = ImportStatus.Processing }, read.ETag, CancellationToken.None);

        Assert.Equal(claimed, read.ETag);
        Assert.Equal(claim, read.Record);
        Assert.NotNull(won);
        Assert.NotEqual(claimed, won);
        Assert.Null(lost);
        Assert.Null(gone);
        Assert.Null(await _log.TryClaimAsync(second, CancellationToken.None));
        var stored = await _log.FindVersionAsync(Samples.Tenant, claim.ImportId, CancellationToken.None);
        Assert.Equal((first, won), (stored!.Record, stored.ETag));
        Assert.Equal(until.AddMinutes(3), stored.Record.LeaseUntil);
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await _log.FindAsync(Samples.Tenant, "unknown", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_TwoTenants_ReturnsOnlyTheRequestedTenantsRecords()
    {
        var other = TenantId.Parse("globex");
        await _log.TryAddAsync(Samples.Import("a1"), CancellationToken.None);
        await _log.TryAddAsync(Samples.Import("b2"), CancellationToken.None);
        await _log.TryAddAsync(Samples.Import("c3", other), CancellationToken.None);

        var records = await _log.ListAsync(Samples.Tenant, CancellationToken.None);

        Assert.Equal(["a1", "b2"], records.Select(record => record.ImportId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListTenantsAsync_SeveralRecordsPerTenant_ReturnsEachTenantOnce()
    {
        await _log.TryAddAsync(Samples.Import("a1"), CancellationToken.None);
        await _log.TryAddAsync(Samples.Import("a2"), CancellationToken.None);
        await _log.TryAddAsync(Samples.Import("b1", TenantId.Parse("globex")), CancellationToken.None);
        await _log.TryAddAsync(Samples.Import("c1", TenantId.Parse("initech-eu")), CancellationToken.None);

        var tenants = await _log.ListTenantsAsync(CancellationToken.None);

        Assert.Equal(["acme", "globex", "initech-eu"], tenants.Select(tenant => tenant.Value));
    }

    [Fact]
    public async Task ListTenantsAsync_EmptyTable_ReturnsNothing()
    {
        Assert.Empty(await _log.ListTenantsAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("")]
    public async Task TryAddAsync_ImportIdThatCannotBeAKey_ThrowsArgumentException(string importId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _log.TryAddAsync(Samples.Import(importId), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _log.FindAsync(Samples.Tenant, importId, CancellationToken.None));
    }
}
