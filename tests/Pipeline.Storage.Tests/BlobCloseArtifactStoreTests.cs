using System.Globalization;
using System.Text.Json;
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

        var json = await GunzippedAsync("acme/2025-03/v1/customers.json.gz");

        Assert.Contains("\"mrr\":20.666666666666666666666666667", json, StringComparison.Ordinal);
        Assert.Contains("\"mrr\":12.50", json, StringComparison.Ordinal);
        Assert.Contains("\"everPaid\":true", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_PartsCohortAndAttributes_ReadBackExactly()
    {
        CustomerMonthEnd[] closing =
        [
            new("cus_1", 62m / 3m, EverPaid: true)
            {
                Parts = [new("pro", "Platform", Samples.Usd, 22.50m, 62m / 3m), new(null, null, Samples.Jpy, 1_500m, 0.000000000000000001m)],
                CohortMonth = new BillingMonth(2024, 11),
                Country = "DE",
                Channel = "google_ads",
                Segment = "smb",
            },
            new("cus_2", 0m, EverPaid: false),
        ];

        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, closing, [], CancellationToken.None);

        var read = (await _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 1, CancellationToken.None))!;
        Assert.Equal(closing[0].Parts, read[0].Parts);
        Assert.Equal(closing[0] with { Parts = read[0].Parts }, read[0]);
        Assert.Equal(closing[1], read[1]);
        Assert.Equal("22.50", read[0].Parts[0].NativeMrr.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WriteAsync_CurrencyAndCohortMonth_WrittenAsStrings()
    {
        CustomerMonthEnd[] closing =
        [
            new("cus_1", 10m, EverPaid: true) { Parts = [new("pro", null, Samples.Kwd, 3.125m, 10m)], CohortMonth = new BillingMonth(2024, 11) },
        ];

        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, closing, [], CancellationToken.None);

        var json = await GunzippedAsync("acme/2025-03/v1/customers.json.gz");
        Assert.Contains("\"parts\":[{\"plan\":\"pro\",\"product\":null,\"currency\":\"KWD\",\"nativeMrr\":3.125,\"mrr\":10}]", json, StringComparison.Ordinal);
        Assert.Contains("\"cohortMonth\":\"2024-11\"", json, StringComparison.Ordinal);
        Assert.Contains("\"country\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadClosingAsync_PlainJsonDocumentWrittenBeforePartsExisted_ReadsWithoutPartsOrCohort()
    {
        await _container.GetBlobClient("acme/2025-03/v1/customers.json")
            .UploadAsync(BinaryData.FromString("[{\"customerId\":\"cus_1\",\"mrr\":12.50,\"everPaid\":true}]"));

        var read = await _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 1, CancellationToken.None);

        Assert.Equal([new CustomerMonthEnd("cus_1", 12.50m, EverPaid: true)], read);
    }

    [Fact]
    public async Task ReadClosingAsync_UnknownCurrencyCode_ThrowsJsonException()
    {
        await _container.GetBlobClient("acme/2025-03/v1/customers.json").UploadAsync(BinaryData.FromString(
            "[{\"customerId\":\"c\",\"mrr\":1,\"everPaid\":true,\"parts\":[{\"plan\":null,\"product\":null,\"currency\":\"EURO\",\"nativeMrr\":1,\"mrr\":1}]}]"));

        await Assert.ThrowsAsync<JsonException>(() => _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 1, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_TwoVersions_KeepsThemApart()
    {
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, Closing, Movements, CancellationToken.None);
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 2, [Closing[0]], [], CancellationToken.None);

        Assert.Equal(3, (await _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 1, CancellationToken.None))!.Count);
        Assert.Equal([Closing[0]], await _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 2, CancellationToken.None));
        Assert.Empty((await _store.ReadMovementsAsync(Samples.Tenant, Samples.March2025, 2, CancellationToken.None))!);
        Assert.True(await _container.GetBlobClient("acme/2025-03/v2/movements.json.gz").ExistsAsync());
    }

    [Fact]
    public async Task ReadAsync_VersionNeverWritten_ReturnsNull()
    {
        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, Closing, Movements, CancellationToken.None);

        Assert.Null(await _store.ReadClosingAsync(Samples.Tenant, Samples.March2025, 2, CancellationToken.None));
        Assert.Null(await _store.ReadMovementsAsync(Samples.Tenant, new BillingMonth(2025, 4), 1, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_GzipCompressedJsonAFractionOfItsSize()
    {
        var closing = Enumerable.Range(0, 2_000)
            .Select(number => new CustomerMonthEnd($"cus_{number:D5}", 49m, EverPaid: true) { Parts = [new("pro", "Platform", Samples.Usd, 49m, 49m)], Country = "NL" })
            .ToList();

        await _store.WriteAsync(Samples.Tenant, Samples.March2025, 1, closing, [], CancellationToken.None);

        var blob = _container.GetBlobClient("acme/2025-03/v1/customers.json.gz");
        var (properties, json) = ((await blob.GetPropertiesAsync()).Value, await GunzippedAsync(blob.Name));
        Assert.Equal("application/gzip", properties.ContentType);
        Assert.StartsWith("[{\"customerId\":\"cus_00000\"", json, StringComparison.Ordinal);
        Assert.InRange(properties.ContentLength, 1, json.Length / 10);
    }

    private async Task<string> GunzippedAsync(string name)
    {
        var content = (await _container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToStream();
        await using var gzip = new System.IO.Compression.GZipStream(content, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
