
namespace Pipeline.Application.Imports;

/// <summary>Blob versions the Functions blob trigger gave up on (its poison queue) become Failed import records.</summary>
public sealed partial class ExportIngestionService
{
    /// <summary>
    /// Drains one message of the <c>webjobs-blobtrigger-poison</c> queue: the blob version it names is recorded as
    /// Failed, so the status shows it and the sweep does not retry it. Null when the message is unreadable or is about
    /// a blob outside <paramref name="exportsContainer"/> (nothing to record; the message is consumed).
    /// </summary>
    public async Task<ImportRecord?> MarkPoisonedAsync(string? messageText, string exportsContainer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(exportsContainer);
        if (!PoisonBlobMessage.TryParse(messageText, out var message))
        {
            logger.PoisonMessageUnreadable(messageText?.Length ?? 0);
            return null;
        }

        if (!string.Equals(message.ContainerName, exportsContainer, StringComparison.Ordinal))
        {
            logger.PoisonMessageIgnored(message.ContainerName, message.BlobName);
            return null;
        }

        var error = $"Processing failed {settings.MaxIngestAttempts} times and the blob trigger gave up " +
            $"(function {message.FunctionId ?? "unknown"}); the function's logs have the error. Upload the file again to retry.";
        return await MarkFailedAsync(message.BlobName, message.ETag, error, cancellationToken);
    }

    /// <summary>
    /// Records that the version <paramref name="etag"/> of <paramref name="blobName"/> kept failing, with
    /// <paramref name="error"/>. A version that already has a finished record (accepted, rejected, duplicate or
    /// failed, for example because the sweep processed it meanwhile) keeps it: that record is returned unchanged.
    /// </summary>
    public async Task<ImportRecord> MarkFailedAsync(string blobName, string etag, string error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        var tenant = ExportLocation.Of(blobName, settings.DefaultTenant).Tenant;
        var known = (await imports.ListAsync(tenant, cancellationToken))
            .Where(record => string.Equals(record.BlobName, blobName, StringComparison.Ordinal) && SameVersion(record.BlobETag, etag))
            .ToList();
        if (known.FirstOrDefault(record => record.Status != ImportStatus.Processing) is { } finished)
        {
            return finished;
        }

        // Keep the ETag in the form the inbox lists it, so the sweep recognises the version.
        var current = await inbox.FindAsync(blobName, cancellationToken);
        var blob = current is not null && SameVersion(current.ETag, etag)
            ? current
            : new InboxBlob(blobName, known.FirstOrDefault()?.BlobETag ?? etag.Trim('"'), 0, clock.GetUtcNow());
        return await MarkFailedAsync(blob, settings.MaxIngestAttempts, error, cancellationToken);
    }

    /// <summary>Whether two ETags name the same version, quoted (header form) or not (listing form).</summary>
    private static bool SameVersion(string left, string right) =>
        string.Equals(left.Trim('"'), right.Trim('"'), StringComparison.Ordinal);
}
