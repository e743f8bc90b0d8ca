using System.Buffers;
using System.Security.Cryptography;

namespace Pipeline.Application.Imports;

/// <summary>One blob version's bytes for an ingest: hashed first (the hash is the import id), then opened again to be parsed.</summary>
/// <remarks>
/// <para>
/// The lines go to the ledger under the import id while the file is parsed, and that id is the SHA-256 of the whole
/// content, so it must be known before the parse starts. A file is therefore read twice: a first pass only hashes it,
/// then the parse reads it again. The second read is of the same version (the inbox fails a read when the blob changed
/// since it was listed), so both passes see the same bytes. Hashing runs at the speed of the download, several times
/// faster than parsing, and it is all a file the pipeline already knows costs (a duplicate, a replayed trigger, the
/// sweep): no parse, no ledger write.
/// </para>
/// <para>
/// A file smaller than <see cref="KeptBytes"/> is kept from the first read and parsed from memory: one download, as
/// before streaming, for the many small files, and a bounded buffer (pooled) for every file.
/// </para>
/// </remarks>
internal sealed class ExportContent
{
    /// <summary>Files smaller than this are read once and parsed from memory.</summary>
    public const int KeptBytes = 4 * 1024 * 1024;

    private readonly IExportInbox _inbox;
    private readonly InboxBlob _blob;
    private readonly byte[]? _kept;

    private ExportContent(IExportInbox inbox, InboxBlob blob, string hash, byte[]? kept)
    {
        _inbox = inbox;
        _blob = blob;
        _kept = kept;
        Hash = hash;
    }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Hash { get; }

    /// <summary>Reads <paramref name="blob"/> to its end, hashing it and keeping it when it is smaller than <see cref="KeptBytes"/>.</summary>
    public static async Task<ExportContent> HashAsync(IExportInbox inbox, InboxBlob blob, CancellationToken cancellationToken)
    {
        await using var stream = await inbox.OpenReadAsync(blob, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(KeptBytes);
        try
        {
            var length = await stream.ReadAtLeastAsync(buffer.AsMemory(0, KeptBytes), KeptBytes, throwOnEndOfStream: false, cancellationToken);
            hash.AppendData(buffer, 0, length);
            var kept = length < KeptBytes ? buffer.AsSpan(0, length).ToArray() : null;
            if (kept is null)
            {
                await HashRestAsync(stream, hash, buffer, cancellationToken);
            }

            return new ExportContent(inbox, blob, Convert.ToHexStringLower(hash.GetHashAndReset()), kept);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task HashRestAsync(Stream stream, IncrementalHash hash, byte[] buffer, CancellationToken cancellationToken)
    {
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
    }

    /// <summary>The content from its start: the kept bytes, or a new read of the same blob version.</summary>
    public async Task<Stream> OpenAsync(CancellationToken cancellationToken) =>
        _kept is not null ? new MemoryStream(_kept, writable: false) : await _inbox.OpenReadAsync(_blob, cancellationToken);
}
