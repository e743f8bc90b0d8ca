using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pipeline.Application.Imports;

/// <summary>Processes every blob version in <c>exports</c> that has no import record yet (the reconciliation sweep).</summary>
/// <remarks>
/// The local host's poller runs it every few seconds; the Functions app runs it daily behind the blob trigger to
/// catch what the trigger missed. Versions already seen are remembered in memory so a poll costs one listing. A
/// version that keeps failing is retried at most <c>MaxIngestAttempts</c> times and then recorded as Failed, so the
/// sweep never loops forever on one file.
/// </remarks>
public sealed class ExportSweepService(
    IExportInbox inbox,
    IImportLog imports,
    ExportIngestionService ingestion,
    TenantSettings settings,
    ILogger<ExportSweepService> logger)
{
    private readonly ConcurrentDictionary<(string Name, string ETag), bool> _known = new();
    private readonly ConcurrentDictionary<(string Name, string ETag), int> _failures = new();

    /// <summary>Ingests every unprocessed blob version; returns how many were processed in this run.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var pending = new List<InboxBlob>();
        await foreach (var blob in inbox.ListAsync(cancellationToken))
        {
            if (!_known.ContainsKey((blob.Name, blob.ETag)))
            {
                pending.Add(blob);
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        await LearnRecordedVersionsAsync(pending, cancellationToken);
        var processed = 0;
        foreach (var blob in pending.Where(blob => !_known.ContainsKey((blob.Name, blob.ETag))))
        {
            if (await TryIngestAsync(blob, cancellationToken))
            {
                processed++;
            }
        }

        return processed;
    }

    private async Task LearnRecordedVersionsAsync(IEnumerable<InboxBlob> pending, CancellationToken cancellationToken)
    {
        var tenants = pending.Select(blob => ExportLocation.Of(blob.Name, settings.DefaultTenant).Tenant).Distinct();
        foreach (var tenant in tenants)
        {
            foreach (var record in await imports.ListAsync(tenant, cancellationToken))
            {
                if (record.Status != ImportStatus.Processing)
                {
                    _known[(record.BlobName, record.BlobETag)] = true;
                }
            }
        }
    }

    private async Task<bool> TryIngestAsync(InboxBlob blob, CancellationToken cancellationToken)
    {
        var key = (blob.Name, blob.ETag);
        try
        {
            await ingestion.IngestAsync(blob, cancellationToken);
            _known[key] = true;
            _failures.TryRemove(key, out _);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var attempts = _failures.AddOrUpdate(key, 1, (_, count) => count + 1);
            logger.IngestAttemptFailed(exception, blob.Name, attempts, settings.MaxIngestAttempts);
            if (attempts >= settings.MaxIngestAttempts)
            {
                var errorId = IngestFailure.NewErrorId();
                logger.IngestGaveUp(exception, blob.Name, attempts, errorId);
                await ingestion.MarkFailedAsync(blob, attempts, IngestFailure.Reason(exception, attempts, errorId), cancellationToken);
                _known[key] = true;
                _failures.TryRemove(key, out _);
            }

            return false;
        }
    }
}
