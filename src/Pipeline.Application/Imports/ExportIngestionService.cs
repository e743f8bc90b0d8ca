using Microsoft.Extensions.Logging;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Ingestion;
using Pipeline.Ingestion.Profiles;

namespace Pipeline.Application.Imports;

/// <summary>Ingests one dropped file: hash it, claim it by content, parse it into its ledger batch, record the outcome.</summary>
/// <remarks>
/// <para>
/// Safe to run any number of times for the same blob (at-least-once triggers): the claim is insert-only and keyed
/// by the content hash, every other write is an idempotent overwrite under a key derived from the data, and a
/// record left in <see cref="ImportStatus.Processing"/> by a crash is finished by the next run. The original blob is
/// only ever read.
/// </para>
/// <para>
/// Memory does not grow with the file: the content is hashed first (<see cref="ExportContent"/>), and only a file to be
/// finished is parsed, its revenue lines going to the ledger in row groups as they are parsed
/// (<see cref="ILedgerStore.BeginWrite"/>) while their count and months are tallied for the record. The batch is
/// committed only when the parse says the file is accepted, then the provisional figures are refreshed, then the
/// report and, last, the record are written: a crash at any point leaves no batch visible that the record does not
/// vouch for, and the next run converges.
/// </para>
/// </remarks>
public sealed partial class ExportIngestionService(
    IExportInbox inbox,
    IImportLog imports,
    ILedgerStore ledger,
    IImportReportStore reports,
    ExportParser parser,
    MappingProfileLoader profiles,
    ProvisionalKpiService provisional,
    TenantLedgerReader ledgers,
    TenantSettings settings,
    TimeProvider clock,
    ILogger<ExportIngestionService> logger)
{
    /// <summary>Ingests the current version of the named blob; null when it no longer exists.</summary>
    public async Task<ImportRecord?> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        var blob = await inbox.FindAsync(blobName, cancellationToken);
        if (blob is null)
        {
            logger.ExportVanished(blobName);
            return null;
        }

        return await IngestAsync(blob, cancellationToken);
    }

    /// <summary>Ingests one version of a blob and returns its import record (existing or new).</summary>
    public async Task<ImportRecord> IngestAsync(InboxBlob blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var location = ExportLocation.Of(blob.Name, settings.DefaultTenant);
        var received = clock.GetUtcNow();
        if (location.Problem is null && MappingProfileLoader.IsInProfileFolder(blob.Name))
        {
            return await IngestProfileAsync(location.Tenant, blob, cancellationToken);
        }

        if (location.Problem is not null)
        {
            return await RefuseLocationAsync(location, blob, received, cancellationToken);
        }

        var content = await ExportContent.HashAsync(inbox, blob, cancellationToken);
        ImportContentReader read = async (ledgerLines, token) =>
            await ParseAsync(blob, content, await profiles.LoadAsync(location.Tenant, token), ledgerLines, token);
        var existing = await imports.FindAsync(location.Tenant, content.Hash, cancellationToken);
        if (existing is null)
        {
            return await ClaimAndFinishAsync(NewRecord(location.Tenant, content.Hash, blob, content.Hash, received), read, cancellationToken);
        }

        return await HandleKnownContentAsync(existing, blob, read, cancellationToken);
    }

    /// <summary>Refuses a blob whose name cannot be processed, without reading it (its name may not even reach its bytes).</summary>
    /// <remarks>
    /// In a tenant's folder (a <c>..</c> segment) the refusal is that tenant's import, under an id of the blob version. A
    /// folder that is not a tenant id belongs to no tenant: the refusal is logged and returned but recorded nowhere, so
    /// it never shows in the default tenant's imports; the file stays where it was dropped.
    /// </remarks>
    private async Task<ImportRecord> RefuseLocationAsync(ExportLocation location, InboxBlob blob, DateTimeOffset received, CancellationToken cancellationToken)
    {
        var id = ContentHash.BlobVersionId("folder", blob.Name, blob.ETag);
        var claim = NewRecord(location.Tenant, id, blob, contentHash: string.Empty, received);
        if (!location.InTenantFolder)
        {
            logger.ExportOutsideTenantFolders(blob.Name, location.Problem!);
            return claim with { Status = ImportStatus.Rejected, Reason = location.Problem, ReasonCode = RefusalCodes.BadLocation, CompletedAt = received };
        }

        var refusal = new ExportParseResult { FileError = location.Problem, RefusalReason = location.Problem, ReasonCode = RefusalCodes.BadLocation };
        ImportContentReader refused = (_, _) => Task.FromResult(ParsedExport.Without(refusal));
        return await ClaimAndFinishAsync(claim, refused, cancellationToken);
    }

    /// <summary>Records that a blob version kept failing for infrastructure reasons, so the sweep stops retrying it.</summary>
    /// <remarks>A claim the failing runs left in Processing becomes the Failed record; otherwise a new record is made.</remarks>
    public async Task<ImportRecord> MarkFailedAsync(InboxBlob blob, int attempts, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var location = ExportLocation.Of(blob.Name, settings.DefaultTenant);
        var claim = (await imports.ListAsync(location.Tenant, cancellationToken)).FirstOrDefault(record =>
            record.Status == ImportStatus.Processing
            && string.Equals(record.BlobName, blob.Name, StringComparison.Ordinal)
            && string.Equals(record.BlobETag, blob.ETag, StringComparison.Ordinal));
        var record = (claim ?? NewRecord(location.Tenant, ContentHash.BlobVersionId("failed", blob.Name, blob.ETag), blob, contentHash: string.Empty)) with
        {
            Status = ImportStatus.Failed,
            Attempts = Math.Max(attempts, claim?.Attempts ?? 0),
            Reason = error,
            LeaseOwner = null,
            LeaseUntil = null,
            CompletedAt = clock.GetUtcNow(),
        };
        await imports.SaveAsync(record, cancellationToken);
        logger.ImportFailed(location.Tenant.Value, blob.Name, attempts);
        return record;
    }

    /// <summary>Parses the content, handing its revenue lines and customer records to <paramref name="ledgerLines"/> and tallying the lines.</summary>
    private async Task<ParsedExport> ParseAsync(
        InboxBlob blob, ExportContent content, IReadOnlyList<MappingProfile> tenantProfiles, ILedgerBatchWriter ledgerLines,
        CancellationToken cancellationToken)
    {
        var tenant = ExportLocation.Of(blob.Name, settings.DefaultTenant).Tenant;
        var options = settings.For(tenant).Parsing with { ReceivedAt = blob.LastModified, Profiles = tenantProfiles };
        var tally = new RevenueLineTally();
        await using var stream = await content.OpenAsync(cancellationToken);
        var result = await parser.ParseAsync(stream, blob.Name, options, async (lines, token) =>
            {
                tally.Add(lines);
                await ledgerLines.WriteLinesAsync(lines, token);
            },
            async (customers, token) => await ledgerLines.WriteCustomersAsync(customers, token), cancellationToken);
        return new ParsedExport(result, tally);
    }

    private async Task<ImportRecord> HandleKnownContentAsync(
        ImportRecord existing, InboxBlob blob, ImportContentReader read, CancellationToken cancellationToken)
    {
        var sameName = string.Equals(existing.BlobName, blob.Name, StringComparison.Ordinal);
        var sameVersion = sameName && string.Equals(existing.BlobETag, blob.ETag, StringComparison.Ordinal);
        if (existing.Status == ImportStatus.Processing && sameName)
        {
            // A crash or a caught failure left the claim unfinished, or a live run holds it: resume it unless that run is alive.
            return await ResumeAsync(existing, blob, read, cancellationToken);
        }

        if (existing.Status == ImportStatus.Failed && !sameVersion)
        {
            // The file failed before and was dropped again: the new drop gets fresh attempts. The failed version itself
            // is never retried on its own (that is what stops a file that kills the host from crash-looping).
            return await RetryFailedAsync(existing, blob, read, cancellationToken);
        }

        if (existing is { Status: ImportStatus.Rejected, ReasonCode: RefusalCodes.NeedsMapping })
        {
            // A file parked as needs-mapping is parsed again: when a mapping profile now recognises it, it is finished now.
            await using var batch = BeginBatch(existing.Tenant, existing.ImportId);
            var parsed = await read(batch, cancellationToken);
            if (!string.Equals(parsed.Result.ReasonCode, RefusalCodes.NeedsMapping, StringComparison.Ordinal))
            {
                logger.ImportResumed(existing.Tenant.Value, existing.ImportId, existing.Attempts + 1);
                return await CompleteAsync(Resumed(existing, blob), parsed, batch, lease: null, cancellationToken);
            }
        }

        if (existing.Status == ImportStatus.Rejected && !sameName
            && await RetryRefusedAsync(existing, blob, read, cancellationToken) is { } accepted)
        {
            return accepted;
        }

        if (!sameName)
        {
            return await RecordDuplicateAsync(existing, blob, cancellationToken);
        }

        if (!string.Equals(existing.BlobETag, blob.ETag, StringComparison.Ordinal))
        {
            // The same bytes were written again under the same name: nothing changes but the version we know.
            var updated = existing with { BlobETag = blob.ETag };
            await imports.SaveAsync(updated, cancellationToken);
            return updated;
        }

        return existing;
    }

    private async Task<ImportRecord> ClaimAndFinishAsync(ImportRecord claim, ImportContentReader read, CancellationToken cancellationToken)
    {
        var owned = Owned(claim);
        if (await imports.TryClaimAsync(owned, cancellationToken) is { } etag)
        {
            return await FinishAsync(owned, etag, read, cancellationToken);
        }

        // Another run claimed the same id first: behave as if we had found its record.
        var winner = await imports.FindAsync(claim.Tenant, claim.ImportId, cancellationToken)
            ?? throw new InvalidOperationException($"Import {claim.ImportId} was claimed but cannot be read back.");
        return winner.Status == ImportStatus.Processing || !string.Equals(winner.BlobName, claim.BlobName, StringComparison.Ordinal)
            ? await HandleKnownContentAsync(winner, ToBlob(claim), read, cancellationToken)
            : winner;
    }

    /// <summary>Records the outcome of a parse: commits the batch of an accepted file (abandoned otherwise), refreshes, reports.</summary>
    /// <remarks>The record is written through <paramref name="lease"/> when the run holds a claim, so a run that lost it writes nothing.</remarks>
    private async Task<ImportRecord> CompleteAsync(
        ImportRecord claim, ParsedExport parsed, PendingBatchWriter batch, ImportLease? lease, CancellationToken cancellationToken)
    {
        var result = parsed.Result;
        var zone = settings.For(claim.Tenant).BusinessTimeZone;
        var months = parsed.Lines.Count == 0 && result.Responses.Count > 0
            ? (BillingMonth.Containing(result.Responses.Min(response => response.RespondedAt), zone),
                BillingMonth.Containing(result.Responses.Max(response => response.RespondedAt), zone))
            : parsed.Lines.Months(zone);
        var record = claim with
        {
            Status = result.IsRefused ? ImportStatus.Rejected : ImportStatus.Accepted,
            Format = result.Format,
            Rows = result.DataRows,
            RowErrors = result.BadRows,
            Reason = Bounded(result.RefusalReason),
            ReasonCode = result.ReasonCode,
            FirstMonth = result.IsRefused ? null : months.First,
            LastMonth = result.IsRefused ? null : months.Last,
            CompletedAt = clock.GetUtcNow(),
            LeaseOwner = null,
            LeaseUntil = null,
        };

        TenantLedger? refreshed = null;
        if (record.Status == ImportStatus.Accepted && !string.Equals(record.Format, MappingProfileLoader.FormatName, StringComparison.Ordinal))
        {
            var rest = new LedgerBatch([], result.Customers)
            {
                Spend = result.Spend,
                Responses = [.. result.Responses.Select(response => response with { ImportedAt = record.CompletedAt })],
                Rates = result.Rates,
                Movements = result.Movements,
                Documents = result.Documents,
            };
            await batch.CommitAsync(rest, cancellationToken);
            refreshed = await RefreshOrRestoreAsync(record, batch.Pending, cancellationToken);
        }

        // The record is written last: once it says Accepted, the ledger, the report and the figures all include the file.
        await reports.WriteAsync(ReportOf(record, parsed), cancellationToken);
        if (lease is null)
        {
            await imports.SaveAsync(record, cancellationToken);
        }
        else if (!await lease.CompleteAsync(record, cancellationToken))
        {
            return await imports.FindAsync(record.Tenant, record.ImportId, cancellationToken) ?? record;
        }

        logger.ImportFinished(record.Tenant.Value, record.BlobName, record.ImportId, record.Status, record.Rows, record.RowErrors);
        if (refreshed is not null)
        {
            // The import is done: the month-end engine of the ledger it left is built meanwhile for the close or CLV read next.
            _ = ledgers.PrepareMonthEnds(record.Tenant, refreshed);
        }

        return record;
    }

    /// <summary>Starts writing an import's ledger batch, handing its lines to the tenant's pending ledger as well.</summary>
    private PendingBatchWriter BeginBatch(TenantId tenant, string importId) =>
        new(ledger.BeginWrite(tenant, importId), ledgers.BeginPending(tenant));

    /// <summary>Refreshes the provisional figures with the file; when that fails, puts back the figures without it.</summary>
    /// <remarks>
    /// The refresh writes month after month before the record says Accepted; a failure half way (a storage fault, a
    /// bug) would leave rows computed with a file that then ends Failed. So the figures of the committed imports are
    /// recomputed before the failure goes on to the retry logic: a reader never sees figures from an import that did
    /// not commit. The original failure is what is reported; a failure of the restore is logged.
    /// </remarks>
    /// <returns>The ledger with the file that the refresh used, when the pending ledger completed it; else null.</returns>
    private async Task<TenantLedger?> RefreshOrRestoreAsync(ImportRecord record, PendingLedger pending, CancellationToken cancellationToken)
    {
        try
        {
            if (await pending.CompleteAsync(record, cancellationToken) is { } ledgerWithFile)
            {
                await provisional.RefreshAsync(record.Tenant, ledgerWithFile, cancellationToken);
                return ledgerWithFile;
            }

            await provisional.RefreshAsync(record.Tenant, cancellationToken, pendingImport: record);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            try
            {
                await provisional.RefreshAsync(record.Tenant, CancellationToken.None);
            }
            catch (Exception restore) when (restore is not OperationCanceledException)
            {
                logger.ProvisionalRestoreFailed(restore, record.Tenant.Value, record.ImportId);
            }

            throw;
        }
    }

    /// <summary>Parses a refused file's bytes again under the name they were dropped with now; null when they are still refused.</summary>
    /// <remarks>
    /// A refusal can depend on the name (a CSV named <c>.xlsx</c> is unreadable as a workbook), so the same bytes dropped
    /// under another name are not a duplicate of the refusal. When they are accepted now, the earlier refusal keeps its
    /// record and report under an id of its own blob version, and the content's id goes to the accepted file.
    /// </remarks>
    private async Task<ImportRecord?> RetryRefusedAsync(
        ImportRecord refused, InboxBlob blob, ImportContentReader read, CancellationToken cancellationToken)
    {
        await using var batch = BeginBatch(refused.Tenant, refused.ImportId);
        var parsed = await read(batch, cancellationToken);
        if (parsed.Result.IsRefused)
        {
            return null;
        }

        // The content's record becomes this drop's, in Processing, before the refusal is kept apart: nobody ever sees two
        // finished records of the old name, and a crash in between leaves a claim the next run finishes.
        var report = await reports.ReadAsync(refused.Tenant, refused.ImportId, cancellationToken);
        var claim = Resumed(refused, blob) with { Status = ImportStatus.Processing, Attempts = 1, ReceivedAt = clock.GetUtcNow() };
        await imports.SaveAsync(claim, cancellationToken);
        var kept = refused with { ImportId = ContentHash.BlobVersionId("refused", refused.BlobName, refused.BlobETag) };
        if (report is not null)
        {
            await reports.WriteAsync(report with { ImportId = kept.ImportId }, cancellationToken);
        }

        await imports.SaveAsync(kept, cancellationToken);
        logger.ImportResumed(refused.Tenant.Value, refused.ImportId, claim.Attempts);
        return await CompleteAsync(claim, parsed, batch, lease: null, cancellationToken);
    }

    private async Task<ImportRecord> RecordDuplicateAsync(ImportRecord original, InboxBlob blob, CancellationToken cancellationToken)
    {
        var id = ContentHash.DuplicateId(original.ContentHash, blob.Name, blob.ETag);
        var duplicate = NewRecord(original.Tenant, id, blob, original.ContentHash) with
        {
            Status = ImportStatus.Duplicate,
            Format = original.Format,
            Rows = original.Rows,
            DuplicateOf = original.ImportId,
            Reason = $"Same content as '{original.FileName}' (import {original.ImportId}); nothing was changed.",
            CompletedAt = clock.GetUtcNow(),
        };

        if (!await imports.TryAddAsync(duplicate, cancellationToken))
        {
            return await imports.FindAsync(duplicate.Tenant, id, cancellationToken) ?? duplicate;
        }

        await reports.WriteAsync(ReportOf(duplicate, parsed: null), cancellationToken);
        logger.ImportFinished(duplicate.Tenant.Value, blob.Name, id, ImportStatus.Duplicate, duplicate.Rows, 0);
        return duplicate;
    }

    private ImportRecord NewRecord(
        TenantId tenant, string importId, InboxBlob blob, string contentHash, DateTimeOffset? receivedAt = null) => new()
    {
        Tenant = tenant,
        ImportId = importId,
        BlobName = blob.Name,
        BlobETag = blob.ETag,
        ContentHash = contentHash,
        Status = ImportStatus.Processing,
        ReceivedAt = receivedAt ?? clock.GetUtcNow(),
        Attempts = 1,
    };

    /// <summary>A refusal reason cut to <see cref="MaxReasonChars"/>: the report keeps every row error, the record a sentence.</summary>
    private static string? Bounded(string? reason) =>
        reason is null || reason.Length <= MaxReasonChars ? reason : string.Concat(reason.AsSpan(0, MaxReasonChars), "…");

    /// <summary>The most characters of a refusal reason kept in the import record.</summary>
    private const int MaxReasonChars = 4_000;

    private static InboxBlob ToBlob(ImportRecord record) => new(record.BlobName, record.BlobETag, 0, record.ReceivedAt);

    private static ImportRecord Resumed(ImportRecord existing, InboxBlob blob) =>
        existing with { Attempts = existing.Attempts + 1, BlobName = blob.Name, BlobETag = blob.ETag };


    private ImportReport ReportOf(ImportRecord record, ParsedExport? parsed)
    {
        // A refused file's records never enter the ledger, so its report counts none.
        var kept = parsed is { Result.IsRefused: false } ? parsed : null;
        var errors = ReportedRowErrors.Cap(parsed?.Result.Errors ?? [], settings.MaxReportedRowErrors);
        return new ImportReport
        {
            ImportId = record.ImportId,
            Tenant = record.Tenant,
            FileName = record.FileName,
            Status = record.Status,
            Format = record.Format,
            Rows = record.Rows,
            RevenueLines = kept?.Lines.Count ?? 0,
            Customers = kept?.Result.CustomerCount ?? 0,
            SpendRows = kept?.Result.Spend.Count ?? 0,
            SurveyResponses = kept?.Result.Responses.Count ?? 0,
            ExchangeRates = kept?.Result.Rates.Count ?? 0,
            Reason = record.Reason,
            ReasonCode = record.ReasonCode,
            FormatEvidence = parsed?.Result.FormatEvidence,
            MoneyMovements = kept?.Result.Movements.Count ?? 0,
            Invoices = kept?.Result.Documents.Count ?? 0,
            Errors = errors.Listed,
            ErrorCounts = errors.Counts,
            Warnings = parsed?.Result.Warnings ?? [],
            FirstMonth = record.FirstMonth,
            LastMonth = record.LastMonth,
            ReceivedAt = record.ReceivedAt,
        };
    }
}
