using Azure.Storage.Blobs;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobExportDropBoxTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private TestStorage _storage = null!;
    private BlobContainerClient _exports = null!;
    private BlobExportDropBox _dropBox = null!;

    public async Task InitializeAsync()
    {
        _storage = await TestStorage.CreateAsync(azurite);
        _exports = _storage.Blobs.GetBlobContainerClient(_storage.Options.ExportsContainer);
        _dropBox = new BlobExportDropBox(_storage.Blobs, _storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DropAsync_NewName_UploadsTheBytes()
    {
        using var content = new MemoryStream("customer_id,name\nc1,Acme\n"u8.ToArray());

        var dropped = await _dropBox.DropAsync("demo/customers.csv", content, CancellationToken.None);

        Assert.True(dropped);
        Assert.Equal("customer_id,name\nc1,Acme\n", (await _exports.GetBlobClient("demo/customers.csv").DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task DropAsync_NameTaken_LeavesTheExistingBlobAsItWas()
    {
        await _exports.UploadBlobAsync("demo/customers.csv", BinaryData.FromString("original"));
        var before = (await _exports.GetBlobClient("demo/customers.csv").GetPropertiesAsync()).Value.ETag;
        using var content = new MemoryStream("replacement"u8.ToArray());

        var dropped = await _dropBox.DropAsync("demo/customers.csv", content, CancellationToken.None);

        Assert.False(dropped);
        var after = await _exports.GetBlobClient("demo/customers.csv").DownloadContentAsync();
        Assert.Equal(("original", before), (after.Value.Content.ToString(), after.Value.Details.ETag));
    }
}
