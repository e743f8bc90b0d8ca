using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Application.Kpis;

namespace Pipeline.Storage;

/// <summary>
/// Moves <c>KpiSnapshots</c> rows of the layout without kind prefixes into the current one when a host starts, so an upgrade
/// needs no manual step; <c>pipeline migrate-storage</c> does the same on demand.
/// </summary>
/// <remarks>
/// A marker row (partition <see cref="MarkerPartition"/>, row <see cref="MarkerRow"/>) records that the table holds no row of
/// the earlier layout, so every later start costs one point read. Without it, the tenants with such rows are listed (one
/// scan of the row keys that start with a digit) and migrated one by one under their close leases
/// (<see cref="KpiStorageMigrationService"/>); a tenant whose lease a close or reopen holds is tried again after a pause.
/// The marker is written only once nothing is left. Runs in the background: a host serves while it works, and a tenant's
/// KPI reads are complete once its rows are moved (a few seconds a tenant). Registered after <see cref="StorageInitializer"/>,
/// which has created the table by the time this starts.
/// </remarks>
internal sealed partial class KpiLayoutUpgrade(
    TableServiceClient tables, IOptions<PipelineStorageOptions> options, KpiStorageMigrationService migration,
    TimeProvider clock, ILogger<KpiLayoutUpgrade> logger) : BackgroundService
{
    public const string MarkerPartition = "_layout";

    public const string MarkerRow = "kpi-kind-prefixes";

    private const string Who = "host start-up (layout upgrade)";

    private const int MaxAttempts = 10;

    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(30);

    /// <summary>Set when the last run found the table in the current layout (for tests).</summary>
    public TaskCompletionSource<bool> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Finished.TrySetResult(await UpgradeAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Finished.TrySetCanceled(stoppingToken);
        }
        catch (Exception exception) when (exception is RequestFailedException or InvalidOperationException or IOException)
        {
            // The host keeps serving; the next start or `pipeline migrate-storage` finishes the move.
            LogFailed(logger, exception);
            Finished.TrySetResult(false);
        }
    }

    /// <returns>Whether the table holds no row of the earlier layout now.</returns>
    private async Task<bool> UpgradeAsync(CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(options.Value.KpiSnapshotsTable);
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, select: ["RowKey"], cancellationToken);
        if (marker.HasValue)
        {
            return true;
        }

        for (var attempt = 1; ; attempt++)
        {
            var pending = await migration.ListPendingAsync(cancellationToken);
            if (pending.Count == 0)
            {
                var entity = new TableEntity(MarkerPartition, MarkerRow) { ["WrittenAt"] = clock.GetUtcNow() };
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
                return true;
            }

            if (attempt > MaxAttempts)
            {
                return false;
            }

            if (attempt > 1)
            {
                // What is left was held by a close or reopen: give it time to finish.
                await Task.Delay(RetryPause, clock, cancellationToken);
            }

            foreach (var tenant in pending)
            {
                var result = await migration.MigrateAsync(tenant, Who, cancellationToken);
                LogTenant(logger, tenant.Value, result.Found, result.Copied, result.Superseded, result.Deleted, result.Problem ?? "done");
            }
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information,
        Message = "KPI rows of tenant {Tenant} in the earlier key layout: {Found} found, {Copied} copied, {Superseded} already newer, {Deleted} deleted ({Outcome}).")]
    private static partial void LogTenant(ILogger logger, string tenant, int found, int copied, int superseded, int deleted, string outcome);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "The KPI key layout upgrade stopped; the next start or `pipeline migrate-storage --all` finishes it.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
