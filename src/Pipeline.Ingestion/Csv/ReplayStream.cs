namespace Pipeline.Ingestion.Csv;

/// <summary>A read-only stream that first returns bytes already read for sniffing, then the rest of the source.</summary>
/// <remarks>Lets the parser look at the start of a non-seekable stream without loading the whole file.</remarks>
internal sealed class ReplayStream(ReadOnlyMemory<byte> replay, Stream source) : Stream
{
    private ReadOnlyMemory<byte> _replay = replay;

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

    public override int Read(Span<byte> buffer)
    {
        return _replay.IsEmpty ? source.Read(buffer) : TakeReplay(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        return _replay.IsEmpty ? source.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(TakeReplay(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int TakeReplay(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _replay.Length);
        _replay.Span[..count].CopyTo(buffer);
        _replay = _replay[count..];
        return count;
    }
}
