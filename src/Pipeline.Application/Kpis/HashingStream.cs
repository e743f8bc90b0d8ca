using System.Security.Cryptography;

namespace Pipeline.Application.Kpis;

/// <summary>A write-only stream that appends everything written to it to a hash, so JSON can be hashed without being held.</summary>
/// <remarks>
/// The hash is that of the same bytes <see cref="System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(object?, System.Type, System.Text.Json.JsonSerializerOptions?)"/>
/// returns, without the array: a month's drill-down serialises to megabytes, each array a large-object-heap allocation.
/// </remarks>
internal sealed class HashingStream(IncrementalHash hash) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

    public override void WriteByte(byte value) => hash.AppendData([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
