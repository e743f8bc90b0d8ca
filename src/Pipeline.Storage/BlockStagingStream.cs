using System.Globalization;
using System.Text;
using Azure.Storage.Blobs.Specialized;

namespace Pipeline.Storage;

/// <summary>A write-only stream onto a block blob that stays invisible until <see cref="CommitAsync"/>.</summary>
/// <remarks>
/// <para>
/// Written bytes collect in memory until <see cref="StageAsync"/> uploads them as the blob's next uncommitted block
/// (Put Block); <see cref="CommitAsync"/> stages the rest and makes exactly these blocks the blob's content in one
/// step (Put Block List). Until then readers see the blob as it was: absent, or an earlier committed version. Blocks
/// of a write that never commits are discarded by the service (uncommitted blocks expire after a week, and a later
/// commit of the blob drops them), so a crash, a failure or a refused file leaves nothing readable behind.
/// </para>
/// <para>
/// Block ids are the block's position (<c>block-000000</c>, …), so a rerun restages the same ids: with identical
/// content, as a replay of the same import writes, two runs racing on one blob commit the same bytes whichever wins.
/// Memory is the one block being collected (a row group, a few MiB); the buffer is reused for the next.
/// </para>
/// <para>
/// With <c>stageAtBytes</c>, an asynchronous write that brings the block to that size stages it at once, for a writer
/// that does not call <see cref="StageAsync"/> itself (a file serialised in one call, such as a batch's customers):
/// its memory is then one block too, not the whole file.
/// </para>
/// </remarks>
internal sealed class BlockStagingStream(BlockBlobClient blob, int stageAtBytes = 0) : Stream
{
    /// <summary>The block size at which the customers and other serialised files are staged as they are written.</summary>
    public const int SerializedFileBlockBytes = 4 * 1024 * 1024;

    private readonly MemoryStream _block = new();
    private readonly List<string> _blockIds = [];
    private long _position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Uploads the bytes written since the last call as the next uncommitted block (nothing when there are none).</summary>
    public async Task StageAsync(CancellationToken cancellationToken)
    {
        if (_block.Length == 0)
        {
            return;
        }

        var id = BlockId(_blockIds.Count);
        _block.Position = 0;
        await blob.StageBlockAsync(id, _block, cancellationToken: cancellationToken);
        _blockIds.Add(id);
        _block.SetLength(0);
    }

    /// <summary>Stages what is left, then makes the staged blocks, in order, the blob's content.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await StageAsync(cancellationToken);
        await blob.CommitBlockListAsync(_blockIds, cancellationToken: cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _block.Write(buffer);
        _position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return stageAtBytes > 0 && _block.Length >= stageAtBytes ? new ValueTask(StageAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _block.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Base64 of a fixed-length name: a blob's block ids must all have the same length.</summary>
    private static string BlockId(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"block-{index:D6}")));
}
