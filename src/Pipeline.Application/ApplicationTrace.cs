using Microsoft.Extensions.Logging;
using Pipeline.Application.Imports;

namespace Pipeline.Application;

/// <summary>The application's log messages: identifiers only, never customer names or e-mail addresses.</summary>
internal static partial class ApplicationTrace
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Import {ImportId} of tenant {Tenant} ({BlobName}): {Status}, {Rows} rows, {BadRows} bad")]
    public static partial void ImportFinished(
        this ILogger logger, string tenant, string blobName, string importId, ImportStatus status, int rows, int badRows);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Resuming import {ImportId} of tenant {Tenant} left in Processing (attempt {Attempt})")]
    public static partial void ImportResumed(this ILogger logger, string tenant, string importId, int attempt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Export {BlobName} no longer exists; nothing to ingest")]
    public static partial void ExportVanished(this ILogger logger, string blobName);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Ingesting {BlobName} failed (attempt {Attempt} of {MaxAttempts})")]
    public static partial void IngestAttemptFailed(this ILogger logger, Exception exception, string blobName, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Export {BlobName} of tenant {Tenant} marked Failed after {Attempts} attempts")]
    public static partial void ImportFailed(this ILogger logger, string tenant, string blobName, int attempts);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Poison-queue message of {Length} characters is not a blob trigger poison message; dropped")]
    public static partial void PoisonMessageUnreadable(this ILogger logger, int length);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Poison-queue message for {ContainerName}/{BlobName} is not about the exports container; dropped")]
    public static partial void PoisonMessageIgnored(this ILogger logger, string containerName, string blobName);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Restoring the provisional figures of tenant {Tenant} without failed import {ImportId} failed too")]
    public static partial void ProvisionalRestoreFailed(this ILogger logger, Exception exception, string tenant, string importId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Import {ImportId} of tenant {Tenant} is claimed by {Owner} until {LeaseUntil}; skipped")]
    public static partial void ImportClaimHeld(this ILogger logger, string tenant, string importId, string owner, DateTimeOffset leaseUntil);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Renewing the claim on import {ImportId} of tenant {Tenant} failed; retrying at the next renewal")]
    public static partial void ImportLeaseRenewalFailed(this ILogger logger, Exception exception, string tenant, string importId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "The claim of {Owner} on import {ImportId} of tenant {Tenant} was taken over by another run; this run stops")]
    public static partial void ImportLeaseLost(this ILogger logger, string tenant, string importId, string owner);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Import {ImportId} of tenant {Tenant} marked Failed: gave up after {Attempts} attempts that did not finish")]
    public static partial void ImportGaveUp(this ILogger logger, string tenant, string importId, int attempts);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Ingesting {BlobName} failed {Attempts} times; marked Failed with error id {ErrorId}")]
    public static partial void IngestGaveUp(this ILogger logger, Exception exception, string blobName, int attempts, string errorId);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Export {BlobName} is not in a tenant folder and belongs to no tenant; left where it is: {Problem}")]
    public static partial void ExportOutsideTenantFolders(this ILogger logger, string blobName, string problem);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Closed {Month} of tenant {Tenant} as version {Version} ({ClosedBy})")]
    public static partial void MonthClosed(this ILogger logger, string tenant, Pipeline.Domain.BillingMonth month, int version, string closedBy);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Provisional figures of tenant {Tenant} stop before {Month}: {Reason}")]
    public static partial void ProvisionalStopped(this ILogger logger, string tenant, Pipeline.Domain.BillingMonth month, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Refreshed {Months} provisional months of tenant {Tenant}")]
    public static partial void ProvisionalRefreshed(this ILogger logger, string tenant, int months);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Debug, Message = "Open months of tenant {Tenant} after its close through {Month} kept: the last refresh computed them from the same ledger and locks")]
    public static partial void ProvisionalKept(this ILogger logger, string tenant, Pipeline.Domain.BillingMonth month);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Reopened {Month} of tenant {Tenant} (version {Version}) by {ReopenedBy}")]
    public static partial void MonthReopened(this ILogger logger, string tenant, Pipeline.Domain.BillingMonth month, int version, string reopenedBy);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Close of tenant {Tenant} skipped: another closer holds its lease")]
    public static partial void CloseBusy(this ILogger logger, string tenant);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Late data for closed {Month} of tenant {Tenant}: {Customers} customers, restatement delta {Delta}")]
    public static partial void LateDataFound(this ILogger logger, string tenant, Pipeline.Domain.BillingMonth month, int customers, decimal delta);
}
