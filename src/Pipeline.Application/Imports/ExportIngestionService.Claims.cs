using System.Globalization;

namespace Pipeline.Application.Imports;

/// <summary>
/// The claim on a file while it is ingested: owned by one run through a lease (<see cref="ImportRecord.LeaseOwner"/>,
/// <see cref="ImportRecord.LeaseUntil"/>), resumed by another only once it expired, and given up after
/// <c>MaxIngestAttempts</c> attempts.
/// </summary>
/// <remarks>
/// Every attempt is counted on the record before the file is read, so a file that kills the host (out of memory, a
/// stopped process) counts its attempts across restarts, and ends Failed with a reason instead of crash-looping. Two
/// ingesters of one file (the CLI and a host watching the same storage, two hosts, a replayed trigger) never process it
/// at the same time: the one that finds a live claim skips the file, and taking an expired claim over is conditional
/// on the row's ETag, so only one of two resuming runs wins.
/// </remarks>
public sealed partial class ExportIngestionService
{
    /// <summary>
    /// Parses the claimed content into a new ledger batch of the import and completes the import with it, holding the
    /// claim (written as row version <paramref name="etag"/>) for the whole run.
    /// </summary>
    /// <remarks>
    /// A failure this run catches releases the claim with the error (the next run retries at once, as the next attempt);
    /// a run that loses its claim to another (it expired, for example while the host was suspended) stops and returns
    /// the record as the other run left it. A run that dies leaves the claim to expire.
    /// </remarks>
    private async Task<ImportRecord> FinishAsync(ImportRecord claim, string etag, ImportContentReader read, CancellationToken cancellationToken)
    {
        await using var lease = ImportLease.Hold(imports, clock, settings.IngestLeaseDuration, claim, etag, logger, cancellationToken);
        try
        {
            await using var batch = BeginBatch(claim.Tenant, claim.ImportId);
            var parsed = await read(batch, lease.Token);
            return await CompleteAsync(claim, parsed, batch, lease, lease.Token);
        }
        catch (OperationCanceledException) when (lease.IsLost && !cancellationToken.IsCancellationRequested)
        {
            return await imports.FindAsync(claim.Tenant, claim.ImportId, cancellationToken) ?? claim;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await ReleaseAfterFailureAsync(lease, exception);
            throw;
        }
    }

    private async Task ReleaseAfterFailureAsync(ImportLease lease, Exception failure)
    {
        try
        {
            var attempt = lease.Claim.Attempts;
            await lease.ReleaseAsync(
                string.Create(CultureInfo.InvariantCulture, $"Attempt {attempt} of {settings.MaxIngestAttempts} failed: {failure.Message}"),
                CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Storage is failing: the claim then expires by itself, and the original failure is what the caller sees.
            logger.ImportLeaseRenewalFailed(exception, lease.Claim.Tenant.Value, lease.Claim.ImportId);
        }
    }

    /// <summary>
    /// Resumes a claim left in Processing: skipped while a live run holds it, marked Failed when its attempts are spent,
    /// otherwise taken over (conditionally on the row read, so of two runs only one takes it) as the next attempt.
    /// </summary>
    private async Task<ImportRecord> ResumeAsync(ImportRecord existing, InboxBlob blob, ImportContentReader read, CancellationToken cancellationToken)
    {
        var stored = await imports.FindVersionAsync(existing.Tenant, existing.ImportId, cancellationToken);
        if (stored is not { Record.Status: ImportStatus.Processing } version)
        {
            return stored?.Record ?? existing;
        }

        var now = clock.GetUtcNow();
        var record = version.Record;
        if (record.IsHeldAt(now))
        {
            // A live run (this host's, another host's, the CLI's) holds the claim: skip the file, never wait for it.
            logger.ImportClaimHeld(record.Tenant.Value, record.ImportId, record.LeaseOwner ?? "?", record.LeaseUntil!.Value);
            return record;
        }

        if (record.Attempts >= settings.MaxIngestAttempts)
        {
            return await GiveUpAsync(version, now, cancellationToken);
        }

        var resumed = Owned(Resumed(record, blob));
        if (await imports.TryReplaceAsync(resumed, version.ETag, cancellationToken) is not { } etag)
        {
            // Another run resumed it first.
            return await imports.FindAsync(record.Tenant, record.ImportId, cancellationToken) ?? record;
        }

        logger.ImportResumed(resumed.Tenant.Value, resumed.ImportId, resumed.Attempts);
        return await FinishAsync(resumed, etag, read, cancellationToken);
    }

    /// <summary>Marks a claim whose attempts are spent Failed, saying why; the record another run wrote first wins.</summary>
    private async Task<ImportRecord> GiveUpAsync(ImportRecordVersion version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = version.Record;
        var last = record.LeaseOwner is { } owner && record.LeaseUntil is { } until
            ? string.Create(CultureInfo.InvariantCulture,
                $"the last attempt did not finish (the host stopped or ran out of memory while ingesting this file: the claim of {owner} expired at {until:yyyy-MM-dd HH:mm:ss}Z)")
            : $"the last attempt failed ({record.Reason ?? "no error was recorded"})";
        var failed = record with
        {
            Status = ImportStatus.Failed,
            LeaseOwner = null,
            LeaseUntil = null,
            CompletedAt = now,
            Reason = string.Create(CultureInfo.InvariantCulture,
                $"Gave up after {record.Attempts} attempts; {last}. Check the host's logs and memory for this file; upload it again (under any name) to retry it."),
        };
        if (await imports.TryReplaceAsync(failed, version.ETag, cancellationToken) is null)
        {
            return await imports.FindAsync(record.Tenant, record.ImportId, cancellationToken) ?? record;
        }

        logger.ImportGaveUp(record.Tenant.Value, record.ImportId, record.Attempts);
        return failed;
    }

    /// <summary>A failed file dropped again: its record is taken over as a new claim with fresh attempts.</summary>
    private async Task<ImportRecord> RetryFailedAsync(ImportRecord failed, InboxBlob blob, ImportContentReader read, CancellationToken cancellationToken)
    {
        var stored = await imports.FindVersionAsync(failed.Tenant, failed.ImportId, cancellationToken);
        if (stored is not { Record.Status: ImportStatus.Failed } version)
        {
            return stored?.Record ?? failed;
        }

        var claim = Owned(version.Record with
        {
            Status = ImportStatus.Processing,
            Attempts = 1,
            BlobName = blob.Name,
            BlobETag = blob.ETag,
            Reason = null,
            CompletedAt = null,
            ReceivedAt = clock.GetUtcNow(),
        });
        if (await imports.TryReplaceAsync(claim, version.ETag, cancellationToken) is not { } etag)
        {
            return await imports.FindAsync(failed.Tenant, failed.ImportId, cancellationToken) ?? failed;
        }

        logger.ImportResumed(claim.Tenant.Value, claim.ImportId, claim.Attempts);
        return await FinishAsync(claim, etag, read, cancellationToken);
    }

    /// <summary>The claim held by a new run of this process until the lease duration from now.</summary>
    private ImportRecord Owned(ImportRecord claim) =>
        claim with { LeaseOwner = LeaseHolder.New(), LeaseUntil = clock.GetUtcNow() + settings.IngestLeaseDuration };
}
