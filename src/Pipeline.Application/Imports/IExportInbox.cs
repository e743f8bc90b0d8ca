namespace Pipeline.Application.Imports;

/// <summary>The <c>exports</c> container where finance drops files. The pipeline only reads it, never writes.</summary>
public interface IExportInbox
{
    /// <summary>Every blob in the container, all folders.</summary>
    IAsyncEnumerable<InboxBlob> ListAsync(CancellationToken cancellationToken);

    /// <summary>The blobs whose names start with <paramref name="prefix"/> (a tenant's <c>{tenant}/_profiles/</c> folder).</summary>
    /// <remarks>The default filters the full listing; a store that can list by prefix should.</remarks>
    IAsyncEnumerable<InboxBlob> ListAsync(string prefix, CancellationToken cancellationToken) => Filter(ListAsync(cancellationToken), prefix);

    /// <summary>The current version of one blob, or null when it does not exist.</summary>
    Task<InboxBlob?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Opens the blob for reading at exactly <paramref name="blob"/>'s version (fails if it changed since).</summary>
    Task<Stream> OpenReadAsync(InboxBlob blob, CancellationToken cancellationToken);

    private static async IAsyncEnumerable<InboxBlob> Filter(IAsyncEnumerable<InboxBlob> blobs, string prefix)
    {
        await foreach (var blob in blobs)
        {
            if (blob.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return blob;
            }
        }
    }
}
