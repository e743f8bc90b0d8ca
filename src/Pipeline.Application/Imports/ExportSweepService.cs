using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pipeline.Application.Imports;

/// <summary>Processes every blob version in <c>exports</c> that has no finished import record yet (the reconciliation sweep).</summary>
/// <remarks>
/// <para>
/// The local host's poller runs it every few seconds; the Functions app runs it daily behind the blob trigger to
/// catch what the trigger missed. Versions already finished are remembered in memory so a poll costs one listing.
/// </para>
/// <para>
/// One file never blocks the others. A version whose claim a live run holds (this host's, another host's, the CLI's)
/// is skipped without being read, and looked at again at the next sweep. Versions left in Processing by an earlier
/// run are resumed only after every new file, so a file that kills the host on each attempt cannot starve the files
/// (of any tenant) behind it. Attempts are counted on the import record (<see cref="ImportRecord.Attempts"/>), so they
/// survive restarts: a version that keeps failing, or keeps killing the host, is marked Failed after
/// <c>MaxIngestAttempts</c> attempts and never tried again. A version that fails before it could be claimed (its blob
/// cannot be read) is counted in memory and marked Failed the same way.
/// </para>
/// </remarks>
public sealed class ExportSweepService(
    IExportInbox inbox,
    IImportLog imports,
    ExportIngestionService ingestion,
    TenantSettings settings,
    TimeProvider clock,
    ILogger<ExportSweepService> logger)
{
    private readonly ConcurrentDictionary<(string Name, string ETag), bool> _known = new();
    private readonly ConcurrentDictionary<(string Name, string ETag), int> _failures = new();

    /// <summary>Ingests every unprocessed blob version; returns how many were finished in this run.</summary>
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

        var claims = await LearnRecordedVersionsAsync(pending, cancellationToken);
        var now = clock.GetUtcNow();
        var processed = 0;
        var queue = pending
            .Where(blob => !_known.ContainsKey((blob.Name, blob.ETag)))
            .Where(blob => claims.GetValueOrDefault((blob.Name, blob.ETag))?.IsHeldAt(now) != true)
            .OrderBy(blob => claims.ContainsKey((blob.Name, blob.ETag)) ? 1 : 0);
        foreach (var blob in queue.ToList())
        {
            if (await TryIngestAsync(blob, cancellationToken))
            {
                processed++;
            }
        }

        return processed;
    }

    /// <summary>Remembers the finished versions; returns the claims still in Processing by blob version.</summary>
    private async Task<Dictionary<(string Name, string ETag), ImportRecord>> LearnRecordedVersionsAsync(
        IEnumerable<InboxBlob> pending, CancellationToken cancellationToken)
    {
        var claims = new Dictionary<(string Name, string ETag), ImportRecord>();
        var tenants = pending.Select(blob => ExportLocation.Of(blob.Name, settings.DefaultTenant).Tenant).Distinct();
        foreach (var tenant in tenants)
        {
            foreach (var record in await imports.ListAsync(tenant, cancellationToken))
            {
                if (record.Status != ImportStatus.Processing)
                {
                    _known[(record.BlobName, record.BlobETag)] = true;
                }
                else
                {
                    claims[(record.BlobName, record.BlobETag)] = record;
                }
            }
        }

        return claims;
    }

    private async Task<bool> TryIngestAsync(InboxBlob blob, CancellationToken cancellationToken)
    {
        var key = (blob.Name, blob.ETag);
        try
        {
            var record = await ingestion.IngestAsync(blob, cancellationToken);
            if (record.Status == ImportStatus.Processing)
            {
                // A live run holds its claim: not finished, looked at again at the next sweep.
                return false;
            }

            _known[key] = true;
            _failures.TryRemove(key, out _);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var counted = _failures.AddOrUpdate(key, 1, (_, count) => count + 1);
            var attempts = Math.Max(counted, await RecordedAttemptsAsync(blob, cancellationToken));
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

    /// <summary>The attempts the version's claim records (0 when it has none), so a count survives restarts.</summary>
    private async Task<int> RecordedAttemptsAsync(InboxBlob blob, CancellationToken cancellationToken)
    {
        var tenant = ExportLocation.Of(blob.Name, settings.DefaultTenant).Tenant;
        return (await imports.ListAsync(tenant, cancellationToken))
            .Where(record => record.Status == ImportStatus.Processing
                && string.Equals(record.BlobName, blob.Name, StringComparison.Ordinal)
                && string.Equals(record.BlobETag, blob.ETag, StringComparison.Ordinal))
            .Select(record => record.Attempts)
            .DefaultIfEmpty(0)
            .Max();
    }
}
