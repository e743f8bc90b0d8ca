using Azure.Storage.Blobs;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary><see cref="ParquetLedgerStore"/>'s money-movement and invoice-document files, and the snapshot columns of lines.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ParquetLedgerStoreMovementsAndDocumentsTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly MoneyMovement[] Movements =
    [
        new()
        {
            MovementKey = "ch_1",
            Type = MoneyMovementType.Payment,
            CustomerId = "cus_1",
            InvoiceId = "in_1",
            Amount = 1_234.500000000000000001m,
            Currency = Samples.Kwd,
            OccurredAt = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1_234_560),
            Status = "Paid",
            RowNumber = 2,
        },
        new()
        {
            MovementKey = "ch_1:refund",
            Type = MoneyMovementType.Refund,
            CustomerId = "cus_1",
            InvoiceId = "in_1",
            RelatedMovementKey = "ch_1",
            Amount = -1_234.500000000000000001m,
            Currency = Samples.Kwd,
            OccurredAt = new DateTimeOffset(2025, 3, 1, 15, 0, 0, TimeSpan.Zero),
            TimingEstimated = true,
            Status = "Refunded",
            IsFullRefund = true,
            RowNumber = 2,
        },
        new()
        {
            MovementKey = "cn_7",
            Type = MoneyMovementType.CreditNote,
            Amount = -0.01m,
            Currency = Samples.Jpy,
            OccurredAt = new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero),
            RowNumber = 3,
        },
    ];

    private static readonly InvoiceDocument[] Documents =
    [
        new()
        {
            InvoiceId = "in_1",
            Number = "ACME-0001 / ñ",
            CustomerId = "cus_1",
            SubscriptionId = "sub_1",
            Status = DocumentStatus.Void,
            IssuedAt = new DateTimeOffset(2025, 2, 28, 0, 0, 0, TimeSpan.FromHours(9)),
            DueAt = new DateTimeOffset(2025, 3, 30, 0, 0, 0, TimeSpan.Zero),
            StatusChangedAt = new DateTimeOffset(2025, 3, 5, 12, 30, 0, TimeSpan.Zero),
            Currency = Samples.Usd,
            Total = 121.000000000000000001m,
            RowNumber = 4,
        },
        new() { InvoiceId = "in_2", Status = DocumentStatus.Uncollectible },
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
    public async Task WriteAsync_MovementsAndDocuments_ReadBackExactlyInSourceOrder()
    {
        var read = await RoundTripAsync(new LedgerBatch([], []) { Movements = Movements, Documents = Documents });

        Assert.Equal(Movements, read.Movements);
        Assert.Equal(Documents, read.Documents);
        Assert.Equal(TimeSpan.Zero, read.Movements[0].OccurredAt.Offset);
        Assert.Equal(Movements[0].OccurredAt.UtcTicks, read.Movements[0].OccurredAt.UtcTicks);
        Assert.Empty(read.Lines);
        Assert.Empty(read.Spend);
    }

    [Fact]
    public async Task WriteAsync_MovementsAndDocuments_WritesTheirFilesWithTypedColumns()
    {
        await _store.WriteAsync(
            Samples.Tenant, "imp1", new LedgerBatch([Samples.Line(1)], []) { Movements = Movements, Documents = Documents }, CancellationToken.None);

        Assert.Equal(
            ["acme/imp1.customers.parquet", "acme/imp1.documents.parquet", "acme/imp1.movements.parquet", "acme/imp1.parquet"],
            await BlobNamesAsync());
        var movementColumns = await SchemaAsync("acme/imp1.movements.parquet");
        Assert.Equal(
            ["movement_key", "type", "customer_id", "invoice_id", "related_movement_key", "amount", "currency", "occurred_at",
                "timing_estimated", "status", "is_full_refund", "row_number"],
            movementColumns.Select(field => field.Name));
        Assert.Equal(typeof(decimal), movementColumns[5].ClrType);
        Assert.Equal(typeof(DateTime), movementColumns[7].ClrType);
        var documentColumns = await SchemaAsync("acme/imp1.documents.parquet");
        Assert.Equal(
            ["invoice_id", "number", "customer_id", "subscription_id", "status", "issued_at", "due_at", "status_changed_at",
                "currency", "total", "row_number"],
            documentColumns.Select(field => field.Name));
        Assert.Equal(typeof(decimal), documentColumns[9].ClrType);
    }

    [Fact]
    public async Task ReadAsync_BatchWithoutMovementOrDocumentFiles_ReadsThemAsEmpty()
    {
        var read = await RoundTripAsync(new LedgerBatch([Samples.Line(1)], []));

        Assert.Equal(["acme/imp1.customers.parquet", "acme/imp1.parquet"], await BlobNamesAsync());
        Assert.Empty(read.Movements);
        Assert.Empty(read.Documents);
        Assert.Equal([Samples.Line(1)], read.Lines);
    }

    [Fact]
    public async Task WriteAsync_ReplayWithoutDocuments_RemovesTheEarlierDocumentFile()
    {
        await _store.WriteAsync(
            Samples.Tenant, "imp1", new LedgerBatch([], []) { Movements = Movements, Documents = Documents }, CancellationToken.None);

        var read = await RoundTripAsync(new LedgerBatch([], []) { Movements = Movements[..1] });

        Assert.Empty(read.Documents);
        Assert.Equal(Movements[..1], read.Movements);
        Assert.Equal(
            ["acme/imp1.customers.parquet", "acme/imp1.movements.parquet", "acme/imp1.parquet"],
            await BlobNamesAsync());
    }

    [Fact]
    public async Task WriteAsync_MovementAmountParquetCannotHoldExactly_ThrowsArgumentException()
    {
        var movement = Movements[0] with { Amount = 0.1234567890123456789m };

        var failure = await Assert.ThrowsAsync<ArgumentException>(() =>
            _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([], []) { Movements = [movement] }, CancellationToken.None));

        Assert.Contains("Ledger row 2: amount", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task WriteAsync_SnapshotLine_ReadsBackOriginSnapshotTimeCurrentPeriodAndCancellation()
    {
        var snapshot = Samples.Line(1) with
        {
            Origin = LineOrigin.SubscriptionSnapshot,
            SnapshotTakenAt = new DateTimeOffset(2025, 4, 1, 6, 0, 0, TimeSpan.FromHours(2)).AddTicks(10),
            CurrentPeriodStart = new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero),
            CancelsAtEnd = true,
            CancellationRequestedAt = new DateTimeOffset(2025, 3, 20, 9, 30, 0, TimeSpan.Zero),
        };
        var invoiceLine = Samples.Line(2);

        var read = await RoundTripAsync(new LedgerBatch([snapshot, invoiceLine], []));

        Assert.Equal([snapshot, invoiceLine], read.Lines);
        Assert.Equal(LineOrigin.SubscriptionSnapshot, read.Lines[0].Origin);
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 4, 0, 0, TimeSpan.Zero).AddTicks(10), read.Lines[0].SnapshotTakenAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero), read.Lines[0].CurrentPeriodStart);
        Assert.True(read.Lines[0].CancelsAtEnd);
        Assert.Equal(new DateTimeOffset(2025, 3, 20, 9, 30, 0, TimeSpan.Zero), read.Lines[0].CancellationRequestedAt);
        Assert.Equal(LineOrigin.InvoiceLine, read.Lines[1].Origin);
        Assert.Null(read.Lines[1].SnapshotTakenAt);
        Assert.Null(read.Lines[1].CurrentPeriodStart);
        Assert.False(read.Lines[1].CancelsAtEnd);
        var columns = (await SchemaAsync("acme/imp1.parquet")).Select(field => field.Name).ToList();
        Assert.Equal(["origin", "snapshot_taken_at", "current_period_start", "cancels_at_end", "cancellation_requested_at"], columns[^9..^4]);
        Assert.Equal(["quantity_wide", "amount_wide", "discount_wide", "tax_wide"], columns[^4..]);
    }

    private Task<LedgerBatch> RoundTripAsync(LedgerBatch batch) => LedgerBlobs.RoundTripAsync(_store, batch);

    private Task<List<string>> BlobNamesAsync() => LedgerBlobs.NamesAsync(_container);

    private Task<Parquet.Schema.DataField[]> SchemaAsync(string blobName) => LedgerBlobs.SchemaAsync(_container, blobName);
}
