using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Pipeline.Storage.Json;

/// <summary>Writes and reads one JSON document per blob, plain or gzip-compressed; a missing blob reads as null.</summary>
/// <remarks>
/// A compressed document is stored as it is (<c>application/gzip</c>, no <c>Content-Encoding</c>), so every client —
/// the SDK, Storage Explorer, <c>azcopy</c> — downloads the same bytes, and <c>gunzip</c> gives the JSON.
/// </remarks>
internal static class JsonBlobs
{
    private static readonly BlobHttpHeaders JsonHeaders = new() { ContentType = "application/json; charset=utf-8" };

    private static readonly BlobHttpHeaders GzipHeaders = new() { ContentType = "application/gzip" };

    /// <summary>Uploads <paramref name="value"/>, replacing any previous version (writes are idempotent).</summary>
    public static async Task WriteAsync<T>(BlobClient blob, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var content = BinaryData.FromObjectAsJson(value, StorageJson.Options);
        await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = JsonHeaders }, cancellationToken);
    }

    /// <summary>Uploads <paramref name="value"/> as gzip-compressed JSON, replacing any previous version.</summary>
    public static async Task WriteCompressedAsync<T>(BlobClient blob, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            if (!SnapshotJsonWriter.TryWrite(gzip, value))
            {
                await JsonSerializer.SerializeAsync(gzip, value, StorageJson.Options, cancellationToken);
            }
        }

        buffer.Position = 0;
        await blob.UploadAsync(buffer, new BlobUploadOptions { HttpHeaders = GzipHeaders }, cancellationToken);
    }

    /// <summary>Reads gzip-compressed JSON written by <see cref="WriteCompressedAsync"/>; null when the blob does not exist.</summary>
    public static async Task<T?> ReadCompressedAsync<T>(BlobClient blob, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            var result = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = result.Value.Content;
            await using var gzip = new GZipStream(content, CompressionMode.Decompress);
            return await JsonSerializer.DeserializeAsync<T>(gzip, StorageJson.Options, cancellationToken)
                ?? throw new JsonException($"Blob {blob.Name} holds JSON null.");
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
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
