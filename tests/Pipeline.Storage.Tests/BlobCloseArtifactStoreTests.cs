using Azure.Storage.Blobs;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobCloseArtifactStoreTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly CustomerMonthEnd[] Closing =
    [
        new("cus_1", 62m / 3m, EverPaid: true),
        new("cus_2", 0m, EverPaid: true),
        new("cus_3", 12.50m, EverPaid: false),
    ];

    private static readonly CustomerMovement[] Movements =
    [
        new("cus_1", 10m, 62m / 3m, MovementType.Expansion, (62m / 3m) - 10m),
        new("cus_2", 49m, 0m, MovementType.Churn, 49m, Delinquent: true),
        new("cus_4", 0m, 0m, MovementType.None, 0m, SubscribedAndChurned: true),
    ];

    private BlobContainerClient _container = null!;
    private BlobCloseArtifactStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _container = storage.Blobs.GetBlobContainerClient(storage.Options.ClosesContainer);
        _store = new BlobCloseArtifactStore(storage.Blobs, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteAsync_ReadsBackEveryRowExactly()
    {
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, Closing, Movements, CancellationToken.None);

        Assert.Equal(Closing, await _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 1, CancellationToken.None));
        Assert.Equal(Movements, await _store.ReadMovementsAsync(Samples.Tenant, Samples.March2025, 1, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_KeepsEveryDigitAndTrailingZeroInTheJson()
    {
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, Closing, Movements, CancellationToken.None);

        var json = (await _container.GetBlobClient("acme/2025-03/v1/customers.json").DownloadContentAsync()).Value.Content.ToString();

        Assert.Contains("\"mrr\":20.666666666666666666666666667", json, StringComparison.Ordinal);
        Assert.Contains("\"mrr\":12.50", json, StringComparison.Ordinal);
        Assert.Contains("\"everPaid\":true", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TwoVersions_KeepsThemApart()
    {
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, Closing, Movements, CancellationToken.None);
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 2, [Closing[0]], [], CancellationToken.None);

        Assert.Equal(3, (await _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 1, CancellationToken.None))!.Count);
        Assert.Equal([Closing[0]], await _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 2, CancellationToken.None));
        Assert.Empty((await _store.ReadMovementsAsync(Samples.Tenant, Samples.March2025, 2, CancellationToken.None))!);
        Assert.True(await _container.GetBlobClient("acme/2025-03/v2/movements.json").ExistsAsync());
    }

    [Fact]
    public async Task ReadAsync_VersionNeverWritten_ReturnsNull()
    {
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, Closing, Movements, CancellationToken.None);

        Assert.Null(await _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 2, CancellationToken.None));
        Assert.Null(await _store.ReadMovementsAsync(Samples.Tenant, new BillingMonth(2025, 4), 1, CancellationToken.None));
    }
}
