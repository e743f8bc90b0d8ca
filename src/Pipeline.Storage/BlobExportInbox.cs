using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Pipeline.Application.Imports;

namespace Pipeline.Storage;

/// <summary><see cref="IExportInbox"/> on the <c>exports</c> container. Only reads: never writes, never deletes.</summary>
/// <remarks>
/// A listed blob is read at exactly the listed version: the download carries an If-Match condition on the listed
/// ETag, so a file overwritten in between fails with 412 instead of being read as a mix of two versions (the
/// retrying download stream keeps the same condition). ETags are given in one form, unquoted as in a listing
/// (<c>0x8DC…</c>), whether they come from <see cref="ListAsync(CancellationToken)"/> or <see cref="FindAsync"/>.
/// </remarks>
internal sealed class BlobExportInbox(BlobServiceClient blobs, IOptions<PipelineStorageOptions> options) : IExportInbox
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.ExportsContainer);

    public IAsyncEnumerable<InboxBlob> ListAsync(CancellationToken cancellationToken) => ListAsync(prefix: null, cancellationToken);

    public async IAsyncEnumerable<InboxBlob> ListAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            var properties = item.Properties;
            yield return new InboxBlob(
                item.Name, Version(properties.ETag), properties.ContentLength ?? 0, properties.LastModified ?? default);
        }
    }

    public async Task<InboxBlob?> FindAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            var properties = (await _container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new InboxBlob(name, Version(properties.ETag), properties.ContentLength, properties.LastModified);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(InboxBlob blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentException.ThrowIfNullOrEmpty(blob.ETag, nameof(blob));
        var download = new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(blob.ETag) } };
        var result = await _container.GetBlobClient(blob.Name).DownloadStreamingAsync(download, cancellationToken);
        return result.Value.Content;
    }

    // Listings return the bare value, property reads the quoted header form: keep one.
    private static string Version(ETag? etag) => etag?.ToString().Trim('"') ?? "";
}
