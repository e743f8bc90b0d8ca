using System.IO.Compression;
using System.Security.Cryptography;

namespace Pipeline.Api.Http;

/// <summary>A response body with its entity tag, and its Brotli and gzip encodings made once when first asked for.</summary>
/// <remarks>The ETag is weak (<c>W/"…"</c>): the SHA-256 of the uncompressed body, the same for every encoding of it.</remarks>
internal sealed class Representation(byte[] body, string contentType, bool compressible, string? download = null)
{
    /// <summary>Bodies shorter than this are sent as they are: compressing them saves less than it costs.</summary>
    public const int MinCompressedBytes = 1024;

    private byte[]? _brotli;
    private byte[]? _gzip;

    public byte[] Body { get; } = body;

    public string ContentType { get; } = contentType;

    /// <summary>For a file meant for Excel (<c>.xlsx</c>, <c>.csv</c>): the extension of the attachment a browser saves; null otherwise.</summary>
    public string? Download { get; } = download;

    public string ETag { get; } = $"W/\"{Convert.ToBase64String(SHA256.HashData(body), 0, 18).Replace('+', '-').Replace('/', '_')}\"";

    /// <summary>Whether an encoding is worth it: a body that is not already compressed (XLSX is a zip) and not tiny.</summary>
    public bool Compressible { get; } = compressible && body.Length >= MinCompressedBytes;

    /// <summary>The body in <paramref name="encoding"/> (<c>br</c> or <c>gzip</c>).</summary>
    public byte[] Encoded(string encoding) =>
        encoding == "br" ? _brotli ??= Compress(Body, encoding) : _gzip ??= Compress(Body, encoding);

    private static byte[] Compress(byte[] content, string encoding)
    {
        using var compressed = new MemoryStream(content.Length / 4);
        using (Stream writer = encoding == "br"
            ? new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true)
            : new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            writer.Write(content);
        }

        return compressed.ToArray();
    }
}
