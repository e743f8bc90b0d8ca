using Microsoft.Extensions.Logging;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Ingestion;
using Pipeline.Ingestion.Profiles;

namespace Pipeline.Application.Imports;

/// <summary>Ingests one dropped file: read and hash it, claim it by content, write its ledger batch, record the outcome.</summary>
/// <remarks>
/// Safe to run any number of times for the same blob (at-least-once triggers): the claim is insert-only and keyed
/// by the content hash, every other write is an idempotent overwrite under a key derived from the data, and a
/// record left in <see cref="ImportStatus.Processing"/> by a crash is finished by the next run. The original blob is
/// only ever read.
/// </remarks>
public sealed partial class ExportIngestionService(
    IExportInbox inbox,
    IImportLog imports,
    ILedgerStore ledger,
    IImportReportStore reports,
    ExportParser parser,
    MappingProfileLoader profiles,
    ProvisionalKpiService provisional,
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

        var tenantProfiles = location.Problem is null ? await profiles.LoadAsync(location.Tenant, cancellationToken) : [];
        var (parsed, contentHash) = await ReadAsync(blob, tenantProfiles, cancellationToken);
        if (location.Problem is not null)
        {
            var id = ContentHash.BlobVersionId("folder", blob.Name, blob.ETag);
            var refused = parsed with { RefusalReason = location.Problem, ReasonCode = RefusalCodes.BadLocation };
            return await ClaimAndFinishAsync(NewRecord(location.Tenant, id, blob, contentHash, received), refused, cancellationToken);
        }

        var existing = await imports.FindAsync(location.Tenant, contentHash, cancellationToken);
        if (existing is null)
        {
            return await ClaimAndFinishAsync(NewRecord(location.Tenant, contentHash, blob, contentHash, received), parsed, cancellationToken);
        }

        return await HandleKnownContentAsync(existing, blob, parsed, cancellationToken);
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
            Attempts = attempts,
            Reason = error,
            CompletedAt = clock.GetUtcNow(),
        };
        await imports.SaveAsync(record, cancellationToken);
        logger.ImportFailed(location.Tenant.Value, blob.Name, attempts);
        return record;
    }

    private async Task<(ExportParseResult Parsed, string ContentHash)> ReadAsync(
        InboxBlob blob, IReadOnlyList<MappingProfile> tenantProfiles, CancellationToken cancellationToken)
    {
        await using var content = new HashingReadStream(await inbox.OpenReadAsync(blob, cancellationToken));
        var options = settings.For(ExportLocation.Of(blob.Name, settings.DefaultTenant).Tenant).Parsing with { ReceivedAt = blob.LastModified, Profiles = tenantProfiles };
        var parsed = await parser.ParseAsync(content, blob.Name, options, cancellationToken);
        var hash = await content.FinishAsync(cancellationToken);
        return (parsed, hash);
    }

    private async Task<ImportRecord> HandleKnownContentAsync(
        ImportRecord existing, InboxBlob blob, ExportParseResult parsed, CancellationToken cancellationToken)
    {
        var sameName = string.Equals(existing.BlobName, blob.Name, StringComparison.Ordinal);
        var nowMapped = existing is { Status: ImportStatus.Rejected, ReasonCode: RefusalCodes.NeedsMapping }
            && !string.Equals(parsed.ReasonCode, RefusalCodes.NeedsMapping, StringComparison.Ordinal);
        if (existing.Status == ImportStatus.Failed || (existing.Status == ImportStatus.Processing && sameName) || nowMapped)
        {
            // A crash left the claim unfinished, the file failed before and was dropped again, or a mapping profile
            // now recognises a file parked as needs-mapping: finish it now.
            logger.ImportResumed(existing.Tenant.Value, existing.ImportId);
            var resumed = existing with { Attempts = existing.Attempts + 1, BlobName = blob.Name, BlobETag = blob.ETag };
            return await FinishAsync(resumed, parsed, cancellationToken);
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

    private async Task<ImportRecord> ClaimAndFinishAsync(ImportRecord claim, ExportParseResult parsed, CancellationToken cancellationToken)
    {
        if (await imports.TryAddAsync(claim, cancellationToken))
        {
            return await FinishAsync(claim, parsed, cancellationToken);
        }

        // Another run claimed the same id first: behave as if we had found its record.
        var winner = await imports.FindAsync(claim.Tenant, claim.ImportId, cancellationToken)
            ?? throw new InvalidOperationException($"Import {claim.ImportId} was claimed but cannot be read back.");
        return winner.Status == ImportStatus.Processing || !string.Equals(winner.BlobName, claim.BlobName, StringComparison.Ordinal)
            ? await HandleKnownContentAsync(winner, ToBlob(claim), parsed, cancellationToken)
            : winner;
    }

    private async Task<ImportRecord> FinishAsync(ImportRecord claim, ExportParseResult parsed, CancellationToken cancellationToken)
    {
        var months = MonthsCovered(parsed.Lines, settings.For(claim.Tenant).BusinessTimeZone);
        var record = claim with
        {
            Status = parsed.IsRefused ? ImportStatus.Rejected : ImportStatus.Accepted,
            Format = parsed.Format,
            Rows = parsed.DataRows,
            RowErrors = parsed.BadRows,
            Reason = parsed.RefusalReason,
            ReasonCode = parsed.ReasonCode,
            FirstMonth = parsed.IsRefused ? null : months.First,
            LastMonth = parsed.IsRefused ? null : months.Last,
            CompletedAt = clock.GetUtcNow(),
        };

        if (record.Status == ImportStatus.Accepted && !string.Equals(record.Format, MappingProfileLoader.FormatName, StringComparison.Ordinal))
        {
            var batch = new LedgerBatch(parsed.Lines, parsed.Customers)
            {
                Spend = parsed.Spend,
                Rates = parsed.Rates,
                Movements = parsed.Movements,
                Documents = parsed.Documents,
            };
            await ledger.WriteAsync(record.Tenant, record.ImportId, batch, cancellationToken);
            await provisional.RefreshAsync(record.Tenant, cancellationToken, pendingImport: record);
        }

        // The record is written last: once it says Accepted, the ledger, the report and the figures all include the file.
        await reports.WriteAsync(ReportOf(record, parsed), cancellationToken);
        await imports.SaveAsync(record, cancellationToken);
        logger.ImportFinished(record.Tenant.Value, record.BlobName, record.ImportId, record.Status, record.Rows, record.RowErrors);
        return record;
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

    private static InboxBlob ToBlob(ImportRecord record) => new(record.BlobName, record.BlobETag, 0, record.ReceivedAt);

    private static (BillingMonth? First, BillingMonth? Last) MonthsCovered(IReadOnlyList<RevenueLine> lines, TimeZoneInfo zone)
    {
        if (lines.Count == 0)
        {
            return (null, null);
        }

        var first = lines[0].ServiceStart;
        var last = first;
        foreach (var line in lines)
        {
            first = line.ServiceStart < first ? line.ServiceStart : first;
            last = line.ServiceStart > last ? line.ServiceStart : last;
        }

        return (BillingMonth.Containing(first, zone), BillingMonth.Containing(last, zone));
    }

    private static ImportReport ReportOf(ImportRecord record, ExportParseResult? parsed) => new()
    {
        ImportId = record.ImportId,
        Tenant = record.Tenant,
        FileName = record.FileName,
        Status = record.Status,
        Format = record.Format,
        Rows = record.Rows,
        RevenueLines = parsed is null || parsed.IsRefused ? 0 : parsed.Lines.Count,
        Customers = parsed is null || parsed.IsRefused ? 0 : parsed.Customers.Count,
        SpendRows = parsed is null || parsed.IsRefused ? 0 : parsed.Spend.Count,
        ExchangeRates = parsed is null || parsed.IsRefused ? 0 : parsed.Rates.Count,
        Reason = record.Reason,
        ReasonCode = record.ReasonCode,
        FormatEvidence = parsed?.FormatEvidence,
        MoneyMovements = parsed is null || parsed.IsRefused ? 0 : parsed.Movements.Count,
        Invoices = parsed is null || parsed.IsRefused ? 0 : parsed.Documents.Count,
        Errors = parsed?.Errors ?? [],
        Warnings = parsed?.Warnings ?? [],
        FirstMonth = record.FirstMonth,
        LastMonth = record.LastMonth,
        ReceivedAt = record.ReceivedAt,
    };
}
