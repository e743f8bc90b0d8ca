using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Pipeline.Application.Imports;

namespace Pipeline.Storage;

/// <summary><see cref="IExportDropBox"/> on the <c>exports</c> container: create-only uploads, never an overwrite.</summary>
internal sealed class BlobExportDropBox(BlobServiceClient blobs, IOptions<PipelineStorageOptions> options) : IExportDropBox
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.ExportsContainer);

    public async Task<bool> DropAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            var upload = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await _container.GetBlobClient(name).UploadAsync(content, upload, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return false;
        }
    }
}
