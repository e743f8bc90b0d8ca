using Azure.Storage.Blobs;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary><see cref="ParquetLedgerStore"/>'s spend and exchange-rate files.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ParquetLedgerStoreSpendAndRatesTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly SpendRecord[] Spend =
    [
        new()
        {
            Date = new DateOnly(2025, 3, 31),
            Month = Samples.March2025,
            Channel = "google_ads",
            Campaign = "spring-25 / ñ",
            Amount = 1_234.500000000000000001m,
            Currency = Samples.Kwd,
            Paid = true,
            RowNumber = 2,
        },
        new() { Month = new BillingMonth(2024, 12), Channel = "events", Amount = -0.01m, Currency = Samples.Usd, RowNumber = 3 },
    ];

    private static readonly ExchangeRate[] Rates =
    [
        new(new DateOnly(2025, 3, 31), Samples.Eur, Samples.Usd, 1.0815m) { RowNumber = 2 },
        new(new DateOnly(1999, 1, 4), Samples.Eur, Samples.Jpy, 133.730000000000000001m) { RowNumber = 3 },
        new(new DateOnly(2025, 4, 1), Samples.Usd, Samples.Kwd, 0.30812m),
    ];

    private BlobContainerClient _container = null!;
    private ParquetLedgerStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _container = storage.Blobs.GetBlobContainerClient(storage.Options.LedgerContainer);
        _store = new ParquetLedgerStore(storage.Blobs, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteAsync_SpendAndRates_ReadBackExactlyInSourceOrder()
    {
        var read = await RoundTripAsync(new LedgerBatch([], []) { Spend = Spend, Rates = Rates });

        Assert.Equal(Spend, read.Spend);
        Assert.Equal(Rates, read.Rates);
        Assert.Empty(read.Lines);
    }

    [Fact]
    public async Task WriteAsync_SpendAndRates_WritesTheirFilesWithTypedColumns()
    {
        await _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([Samples.Line(1)], []) { Spend = Spend, Rates = Rates }, CancellationToken.None);

        Assert.Equal(
            ["acme/imp1.customers.parquet", "acme/imp1.parquet", "acme/imp1.rates.parquet", "acme/imp1.spend.parquet"],
            await BlobNamesAsync());
        var spendColumns = await SchemaAsync("acme/imp1.spend.parquet");
        Assert.Equal(["date", "month", "channel", "campaign", "amount", "currency", "paid", "row_number"], spendColumns.Select(field => field.Name));
        Assert.Equal(typeof(DateOnly), spendColumns[0].ClrType);
        Assert.Equal(typeof(decimal), spendColumns[4].ClrType);
        Assert.Equal(["date", "base", "quote", "rate", "row_number"], (await SchemaAsync("acme/imp1.rates.parquet")).Select(field => field.Name));
    }

    [Fact]
    public async Task ReadAsync_BatchWithoutSpendOrRatesFiles_ReadsThemAsEmpty()
    {
        var read = await RoundTripAsync(new LedgerBatch([Samples.Line(1)], []));

        Assert.Equal(["acme/imp1.customers.parquet", "acme/imp1.parquet"], await BlobNamesAsync());
        Assert.Empty(read.Spend);
        Assert.Empty(read.Rates);
        Assert.Equal([Samples.Line(1)], read.Lines);
    }

    [Fact]
    public async Task WriteAsync_ReplayWithoutSpend_RemovesTheEarlierSpendFile()
    {
        await _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([], []) { Spend = Spend, Rates = Rates }, CancellationToken.None);

        var read = await RoundTripAsync(new LedgerBatch([], []) { Rates = Rates[..1] });

        Assert.Empty(read.Spend);
        Assert.Equal(Rates[..1], read.Rates);
        Assert.DoesNotContain("acme/imp1.spend.parquet", await BlobNamesAsync());
    }

    [Fact]
    public async Task WriteAsync_RateParquetCannotHoldExactly_ThrowsArgumentException()
    {
        var rate = Rates[0] with { Rate = 0.1234567890123456789m };

        var failure = await Assert.ThrowsAsync<ArgumentException>(() =>
            _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([], []) { Rates = [rate] }, CancellationToken.None));

        Assert.Contains("rate", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await BlobNamesAsync());
    }

    private Task<LedgerBatch> RoundTripAsync(LedgerBatch batch) => LedgerBlobs.RoundTripAsync(_store, batch);

    private Task<List<string>> BlobNamesAsync() => LedgerBlobs.NamesAsync(_container);

    private Task<Parquet.Schema.DataField[]> SchemaAsync(string blobName) => LedgerBlobs.SchemaAsync(_container, blobName);
}
