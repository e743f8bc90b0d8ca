using System.Collections.Concurrent;
using Pipeline.Application.Imports;

namespace Pipeline.Application.Tests.Fakes;

/// <summary>An <c>exports</c> container in memory; every write gets a new ETag, like Blob Storage.</summary>
public sealed class InMemoryExportInbox(TimeProvider clock) : IExportInbox, IExportDropBox
{
    private readonly ConcurrentDictionary<string, (byte[] Content, string ETag, DateTimeOffset Modified)> _blobs = new(StringComparer.Ordinal);
    private int _version;

    public int Reads { get; private set; }

    /// <summary>Blob names whose every read throws (storage that keeps failing on one file).</summary>
    public ISet<string> Unreadable { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Reads that threw because the blob is <see cref="Unreadable"/>.</summary>
    public int FailedReads { get; private set; }

    public InboxBlob Put(string name, string content) => Put(name, System.Text.Encoding.UTF8.GetBytes(content));

    public InboxBlob Put(string name, byte[] content)
    {
        var etag = $"\"0x{Interlocked.Increment(ref _version):X8}\"";
        _blobs[name] = (content, etag, clock.GetUtcNow());
        return new InboxBlob(name, etag, content.Length, clock.GetUtcNow());
    }

    public byte[] Content(string name) => _blobs[name].Content;

    public async IAsyncEnumerable<InboxBlob> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var (name, blob) in _blobs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return new InboxBlob(name, blob.ETag, blob.Content.Length, blob.Modified);
        }
    }

    public Task<InboxBlob?> FindAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_blobs.TryGetValue(name, out var blob)
            ? new InboxBlob(name, blob.ETag, blob.Content.Length, blob.Modified)
            : null);

    public Task<Stream> OpenReadAsync(InboxBlob blob, CancellationToken cancellationToken)
    {
        var stored = _blobs[blob.Name];
        if (stored.ETag != blob.ETag)
        {
            throw new InvalidOperationException($"{blob.Name} changed since it was listed.");
        }

        if (Unreadable.Contains(blob.Name))
        {
            FailedReads++;
            throw new IOException($"Injected read fault on {blob.Name}.");
        }

        Reads++;
        return Task.FromResult<Stream>(new MemoryStream(stored.Content, writable: false));
    }

    public async Task<bool> DropAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        if (_blobs.ContainsKey(name))
        {
            return false;
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        Put(name, buffer.ToArray());
        return true;
    }
}
