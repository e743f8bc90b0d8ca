using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Pipeline.Storage.Json;

/// <summary>Writes and reads one JSON document per blob; a missing blob reads as null.</summary>
internal static class JsonBlobs
{
    private static readonly BlobHttpHeaders JsonHeaders = new() { ContentType = "application/json; charset=utf-8" };

    /// <summary>Uploads <paramref name="value"/>, replacing any previous version (writes are idempotent).</summary>
    public static async Task WriteAsync<T>(BlobClient blob, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var content = BinaryData.FromObjectAsJson(value, StorageJson.Options);
        await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = JsonHeaders }, cancellationToken);
    }

    public static async Task<T?> ReadAsync<T>(BlobClient blob, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            var result = await blob.DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToObjectFromJson<T>(StorageJson.Options)
                ?? throw new JsonException($"Blob {blob.Name} holds JSON null.");
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }
}
