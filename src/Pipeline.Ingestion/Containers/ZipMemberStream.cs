using System.Globalization;
using System.IO.Compression;

namespace Pipeline.Ingestion.Containers;

/// <summary>A zip member's decompressed content, counted against a <see cref="ZipBudget"/> and checked at its end.</summary>
/// <remarks>
/// The zip's directory declares each member's size and CRC-32; the decompressor stops at the declared size, so a member
/// whose declared size is smaller than its content would be silently cut (and a cut CSV can look like a valid file
/// with fewer rows). At the end of the member the bytes read must be the declared size and their CRC-32 the declared
/// one, or the file is refused as <see cref="RefusalCodes.Unreadable"/>.
/// </remarks>
internal sealed class ZipMemberStream(ZipArchiveEntry member, ZipBudget budget) : Stream
{
    private readonly Stream _inner = member.Open();
    private readonly Crc32 _crc = new();
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Counted(buffer, _inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        return Counted(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Counted(Span<byte> buffer, int read)
    {
        if (read == 0 && buffer.Length > 0)
        {
            CheckEnd();
            return 0;
        }

        _read += read;
        _crc.Append(buffer[..read]);
        budget.Count(member, read, _read);
        return read;
    }

    private void CheckEnd()
    {
        if (_read != member.Length || _crc.Value != member.Crc32)
        {
            throw new ContainerLimitException(string.Create(CultureInfo.InvariantCulture,
                $"Zip member {member.FullName} is not what the zip's directory says it is (it declares {member.Length:N0} bytes with checksum {member.Crc32:X8}; its content has {_read:N0} bytes with checksum {_crc.Value:X8}), so the file would be read cut short or altered. Download the export again, or unpack it and upload the CSV file."),
                RefusalCodes.Unreadable);
        }
    }
}
