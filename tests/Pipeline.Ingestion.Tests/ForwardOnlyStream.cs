namespace Pipeline.Ingestion.Tests;

/// <summary>A stream that cannot seek, like a blob download or a network body.</summary>
internal sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content)
{
    public override bool CanSeek => false;

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }
}
