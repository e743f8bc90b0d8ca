using Azure.Storage.Blobs;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary><see cref="ParquetLedgerStore"/>'s survey responses file.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ParquetLedgerStoreResponsesTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly SurveyResponse[] Responses =
    [
        new()
        {
            CustomerId = "cus_1", Survey = "nps-2025", RespondedAt = new DateTimeOffset(2025, 3, 14, 9, 22, 31, TimeSpan.Zero), Score = 9,
            SameSolution = SurveyAnswer.Yes, SameProvider = SurveyAnswer.Unsure, Comment = "Fijn, snel / ñ", RowNumber = 2,
            ImportedAt = new DateTimeOffset(2025, 4, 1, 8, 0, 0, TimeSpan.Zero),
        },
        new() { CustomerId = "cus_2", RespondedAt = new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero), Score = 0, SameProvider = SurveyAnswer.No, RowNumber = 3 },
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
    public async Task WriteAsync_Responses_ReadBackExactlyInSourceOrder()
    {
        var read = await LedgerBlobs.RoundTripAsync(_store, new LedgerBatch([], []) { Responses = Responses });

        Assert.Equal(Responses, read.Responses);
        Assert.Contains("acme/imp1.responses.parquet", await LedgerBlobs.NamesAsync(_container));
        var without = await _store.ReadWithoutLinesAsync(Samples.Tenant, "imp1", CancellationToken.None);
        Assert.Equal(Responses, without!.Responses);
    }

    [Fact]
    public async Task WriteAsync_ImportTimeFinerThanAMicrosecond_IsCutToWholeMicroseconds()
    {
        var response = Responses[1] with { ImportedAt = new DateTimeOffset(638_000_000_000_000_007, TimeSpan.Zero) };

        var read = await LedgerBlobs.RoundTripAsync(_store, new LedgerBatch([], []) { Responses = [response] });

        Assert.Equal(new DateTimeOffset(638_000_000_000_000_000, TimeSpan.Zero), Assert.Single(read.Responses).ImportedAt);
    }

    [Fact]
    public async Task WriteAsync_ReplayWithoutResponses_RemovesTheEarlierFile()
    {
        await _store.WriteAsync(Samples.Tenant, "imp1", new LedgerBatch([], []) { Responses = Responses }, CancellationToken.None);

        var read = await LedgerBlobs.RoundTripAsync(_store, new LedgerBatch([], []));

        Assert.Empty(read.Responses);
        Assert.DoesNotContain("acme/imp1.responses.parquet", await LedgerBlobs.NamesAsync(_container));
    }
}
