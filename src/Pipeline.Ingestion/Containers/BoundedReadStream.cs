namespace Pipeline.Ingestion.Containers;

/// <summary>A read-only stream that fails with <see cref="InvalidDataException"/> once more than a limit has been read.</summary>
/// <remarks>
/// Guards decompression against zip bombs (a zip member's or workbook part's declared size is not trusted) and caps what
/// is spooled to disk. The message is <c>{what} is larger than {limit} MiB{detail}</c>.
/// </remarks>
/// <param name="inner">The stream read from.</param>
/// <param name="limit">The most bytes that may be read.</param>
/// <param name="what">What is read, as the message's subject: <c>Zip member Subscriptions.csv</c>, <c>part xl/styles.xml</c>.</param>
/// <param name="leaveOpen">Whether <paramref name="inner"/> stays open when this stream is disposed.</param>
/// <param name="detail">Appended to the message after the limit, such as <c> uncompressed</c>.</param>
internal sealed class BoundedReadStream(Stream inner, long limit, string what, bool leaveOpen = false, string detail = "") : Stream
{
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

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

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
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!leaveOpen)
        {
            await inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new InvalidDataException(string.Concat(what, " is larger than ",
                (limit / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture), " MiB", detail));
        }

        return read;
    }
}
