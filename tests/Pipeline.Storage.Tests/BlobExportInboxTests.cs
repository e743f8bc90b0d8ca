using Azure;
using Azure.Storage.Blobs;
using Pipeline.Application.Imports;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobExportInboxTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private TestStorage _storage = null!;
    private BlobContainerClient _exports = null!;
    private BlobExportInbox _inbox = null!;

    public async Task InitializeAsync()
    {
        _storage = await TestStorage.CreateAsync(azurite);
        _exports = _storage.Blobs.GetBlobContainerClient(_storage.Options.ExportsContainer);
        _inbox = new BlobExportInbox(_storage.Blobs, _storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListAsync_BlobsInFoldersAndAtRoot_ListsEveryBlobWithItsVersion()
    {
        await _exports.UploadBlobAsync("acme/stripe.csv", BinaryData.FromString("id,amount\n1,2\n"));
        await _exports.UploadBlobAsync("root.csv", BinaryData.FromString("x"));

        var blobs = await ListAsync();

        Assert.Equal(["acme/stripe.csv", "root.csv"], blobs.Select(blob => blob.Name).Order(StringComparer.Ordinal));
        var stripe = blobs.Single(blob => blob.Name == "acme/stripe.csv");
        Assert.Equal(14, stripe.Size);
        Assert.Equal((await _exports.GetBlobClient("acme/stripe.csv").GetPropertiesAsync()).Value.ETag.ToString().Trim('"'), stripe.ETag);
        Assert.NotEqual(default, stripe.LastModified);
    }

    [Fact]
    public async Task ListAsync_Prefix_ListsOnlyThatFolder()
    {
        await _exports.UploadBlobAsync("acme/_profiles/register.json", BinaryData.FromString("{}"));
        await _exports.UploadBlobAsync("acme/register.csv", BinaryData.FromString("x"));
        await _exports.UploadBlobAsync("globex/_profiles/register.json", BinaryData.FromString("{}"));

        var blobs = new List<InboxBlob>();
        await foreach (var blob in _inbox.ListAsync("acme/_profiles/", CancellationToken.None))
        {
            blobs.Add(blob);
        }

        Assert.Equal(["acme/_profiles/register.json"], blobs.Select(blob => blob.Name).ToArray());
    }

    [Fact]
    public async Task FindAsync_ExistingBlob_ReturnsTheSameVersionAsTheListing()
    {
        await _exports.UploadBlobAsync("acme/a.csv", BinaryData.FromString("abc"));

        var found = await _inbox.FindAsync("acme/a.csv", CancellationToken.None);

        Assert.Equal((await ListAsync()).Single(), found);
    }

    [Fact]
    public async Task FindAsync_MissingBlob_ReturnsNull()
    {
        Assert.Null(await _inbox.FindAsync("acme/nothing.csv", CancellationToken.None));
    }

    [Fact]
    public async Task OpenReadAsync_UnchangedBlob_ReadsItsBytes()
    {
        await _exports.UploadBlobAsync("acme/a.csv", BinaryData.FromString("id;amount\r\n1;2,50\r\n"));
        var blob = (await ListAsync()).Single();

        await using var stream = await _inbox.OpenReadAsync(blob, CancellationToken.None);
        using var reader = new StreamReader(stream);

        Assert.Equal("id;amount\r\n1;2,50\r\n", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task OpenReadAsync_BlobOverwrittenAfterListing_FailsWith412()
    {
        await _exports.UploadBlobAsync("acme/a.csv", BinaryData.FromString("version 1"));
        var listed = (await ListAsync()).Single();
        await _exports.GetBlobClient("acme/a.csv").UploadAsync(BinaryData.FromString("version 2"), overwrite: true);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => _inbox.OpenReadAsync(listed, CancellationToken.None));

        Assert.Equal(412, failure.Status);
    }

    private async Task<List<InboxBlob>> ListAsync()
    {
        var blobs = new List<InboxBlob>();
        await foreach (var blob in _inbox.ListAsync(CancellationToken.None))
        {
            blobs.Add(blob);
        }

        return blobs;
    }
}
