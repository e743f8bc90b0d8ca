namespace Pipeline.Application.Ports;

/// <summary>The <c>exports</c> container where finance drops files. The pipeline only reads it, never writes.</summary>
public interface IExportInbox
{
    /// <summary>Every blob in the container, all folders.</summary>
    IAsyncEnumerable<InboxBlob> ListAsync(CancellationToken cancellationToken);

    /// <summary>The current version of one blob, or null when it does not exist.</summary>
    Task<InboxBlob?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Opens the blob for reading at exactly <paramref name="blob"/>'s version (fails if it changed since).</summary>
    Task<Stream> OpenReadAsync(InboxBlob blob, CancellationToken cancellationToken);
}
