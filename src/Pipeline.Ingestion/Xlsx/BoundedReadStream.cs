namespace Pipeline.Ingestion.Xlsx;

/// <summary>A read-only view of a stream that fails with <see cref="InvalidDataException"/> past a byte limit.</summary>
/// <remarks>A zip entry's declared size can lie; counting what is actually inflated keeps a zip bomb from filling memory or disk.</remarks>
internal sealed class BoundedReadStream(Stream source, long limit, string what, bool ownsSource) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(source.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await source.ReadAsync(buffer, cancellationToken));

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
        if (disposing && ownsSource)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        return _read <= limit ? read : throw new InvalidDataException(string.Concat(what, " is larger than ", (limit >> 20).ToString(System.Globalization.CultureInfo.InvariantCulture), " MiB"));
    }
}
