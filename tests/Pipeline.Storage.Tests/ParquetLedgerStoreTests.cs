using Azure.Storage.Blobs;
using Parquet.Serialization;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class ParquetLedgerStoreTests(AzuriteInstance azurite) : IAsyncLifetime
{
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
    public async Task WriteAsync_EveryFieldSet_ReadsBackExactly()
    {
        var line = new RevenueLine
        {
            LineKey = "il_1",
            CustomerId = "cus_1",
            InvoiceId = "in_1",
            SubscriptionId = "sub_1",
            Plan = "enterprise",
            Product = "Platform",
            LineType = LineType.Proration,
            Quantity = 2.5m,
            Amount = 123456789.123456m,
            Discount = 0.000000000000000001m,
            Tax = -99999999999999999999.99999999m,
            Currency = CurrencyCode.Parse("KWD"),
            Interval = new BillingInterval(IntervalUnit.Week, 2),
            IntervalInferred = true,
            ServiceStart = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1_234_560),
            ServiceEnd = new DateTimeOffset(2025, 3, 15, 10, 0, 0, TimeSpan.Zero),
            IssuedAt = new DateTimeOffset(2025, 2, 28, 0, 0, 0, TimeSpan.FromHours(9)),
            DueAt = new DateTimeOffset(2025, 3, 30, 0, 0, 0, TimeSpan.Zero),
            Status = DocumentStatus.Refunded,
            RefundedAt = new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero),
            RowNumber = 42,
        };
        var customer = new CustomerRecord
        {
            CustomerId = "cus_1",
            Name = "Ñandú GmbH",
            Email = "billing@example.com",
            Country = "DE",
            Segment = "enterprise",
            Channel = "google_ads",
            Campaign = "spring-25",
            CreatedAt = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(1)),
            ReferredBy = "cus_0",
            RowNumber = 7,
        };

        var read = await RoundTripAsync(new LedgerBatch([line], [customer]));

        Assert.Equal(line, read.Lines.Single());
        Assert.Equal(customer, read.Customers.Single());
        Assert.Equal(TimeSpan.Zero, read.Lines.Single().ServiceStart.Offset);
        Assert.Equal(line.ServiceStart.UtcTicks, read.Lines.Single().ServiceStart.UtcTicks);
    }

    [Fact]
    public async Task WriteAsync_OptionalFieldsNull_ReadsBackNulls()
    {
        var line = new RevenueLine
        {
            LineKey = "il_2",
            CustomerId = "cus_2",
            LineType = LineType.OneTime,
            Amount = 0m,
            Currency = Samples.Eur,
            ServiceStart = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var customer = new CustomerRecord { CustomerId = "cus_2" };

        var read = await RoundTripAsync(new LedgerBatch([line], [customer]));

        Assert.Equal(line, read.Lines.Single());
        Assert.Equal(customer, read.Customers.Single());
    }

    [Fact]
    public async Task ReadAsync_CustomersWrittenBeforeReferredBy_ReadReferredByAsNull()
    {
        await _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([Samples.Line(1)], []), CancellationToken.None);
        using var legacy = new MemoryStream();
        await ParquetSerializer.SerializeAsync(
            new[] { new LegacyCustomerRow { CustomerId = "cus_1", Name = "Acme", Segment = "smb", RowNumber = 3 } }, legacy);
        legacy.Position = 0;
        await _container.GetBlobClient("acme/imp1.customers.parquet").UploadAsync(legacy, overwrite: true);

        var read = await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None);

        Assert.DoesNotContain("referred_by", (await LedgerBlobs.SchemaAsync(_container, "acme/imp1.customers.parquet")).Select(field => field.Name));
        Assert.Equal(new CustomerRecord { CustomerId = "cus_1", Name = "Acme", Segment = "smb", RowNumber = 3 }, read!.Customers.Single());
    }

    [Fact]
    public async Task WriteAsync_ManyLines_KeepsSourceOrder()
    {
        var lines = Enumerable.Range(0, 20_000).Select(row => Samples.Line(row)).Reverse().ToList();

        var read = await RoundTripAsync(new LedgerBatch(lines, []));

        Assert.Equal(lines, read.Lines);
        Assert.Empty(read.Customers);
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_ReadsBackEmpty()
    {
        var read = await RoundTripAsync(new LedgerBatch([], []));

        Assert.Empty(read.Lines);
        Assert.Empty(read.Customers);
    }

    [Fact]
    public async Task WriteAsync_SameImportTwice_ReplacesTheBatch()
    {
        await _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([Samples.Line(1), Samples.Line(2)], []), CancellationToken.None);

        var read = await RoundTripAsync(new LedgerBatch([Samples.Line(3)], [new CustomerRecord { CustomerId = "c" }]), "imp1");

        Assert.Equal([Samples.Line(3)], read.Lines);
    }

    [Fact]
    public async Task WriteAsync_WritesLinesAndCustomersUnderTheTenantFolder()
    {
        await _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([Samples.Line(1)], []), CancellationToken.None);

        Assert.Equal(["acme/imp1.customers.parquet", "acme/imp1.parquet"], await LedgerBlobs.NamesAsync(_container));
    }

    [Fact]
    public async Task ReadAsync_NeverWritten_ReturnsNull()
    {
        Assert.Null(await _store.ReadAsync(Samples.Tenant, "missing", CancellationToken.None));
    }

    [Theory]
    [InlineData("0.1234567890123456789")]
    [InlineData("100000000000000000000")]
    public async Task WriteAsync_AmountParquetCannotHoldExactly_ThrowsArgumentException(string amount)
    {
        var line = Samples.Line(1) with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) };

        var failure = await Assert.ThrowsAsync<ArgumentException>(() =>
            _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([line], []), CancellationToken.None));

        Assert.Contains("amount", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_InstantFinerThanAMicrosecond_ThrowsArgumentException()
    {
        var line = Samples.Line(1) with { ServiceEnd = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1) };

        var failure = await Assert.ThrowsAsync<ArgumentException>(() =>
            _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([line], []), CancellationToken.None));

        Assert.Contains("service_end", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ImportIdThatCannotBeAKey_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _store.WriteAsync(Samples.Tenant, "../imp", new LedgerBatch([], []), CancellationToken.None));
    }

    private Task<LedgerBatch> RoundTripAsync(LedgerBatch batch, string importId = "imp1") =>
        LedgerBlobs.RoundTripAsync(_store, batch, importId);
}
