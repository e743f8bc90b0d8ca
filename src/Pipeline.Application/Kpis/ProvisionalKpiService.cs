using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Ledger;
using Pipeline.Application.Months;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>Writes the provisional figures of a tenant's open months, through the current month.</summary>
/// <remarks>
/// <para>
/// The months come from the tenant's <see cref="OpenMonthRun"/>, the same computation a close runs, so a provisional
/// figure is what the close would publish if no more data arrived. A month with a missing rate stops the refresh
/// there: it and the months after it keep what they had.
/// </para>
/// <para>
/// Provisional figures are honest about the data horizon (<see cref="DataHorizon"/>): the month containing it is
/// measured at the horizon (its row says <see cref="KpiSnapshot.AsOf"/>), because renewals after the horizon are not
/// exported yet and would otherwise read as churn; months wholly after it get an awaiting-data row without figures,
/// and their segment rows, cohort cells and drill-down are emptied.
/// </para>
/// </remarks>
public sealed class ProvisionalKpiService(
    TenantLedgerReader ledgerReader,
    ICloseLog closes,
    OpenMonths openMonths,
    ICloseArtifactStore artifacts,
    IKpiSnapshotStore snapshots,
    TenantSettings settings,
    TimeProvider clock,
    ILogger<ProvisionalKpiService> logger)
{
    private static readonly JsonSerializerOptions FingerprintJson = new() { IncludeFields = false };

    /// <summary>How many computed months are written at once: storage round trips overlap each other and the next month's computation.</summary>
    private const int WritesInFlight = 4;

    /// <summary>Recomputes the open months from the accepted imports (and <paramref name="pendingImport"/>, being finished).</summary>
    public async Task RefreshAsync(TenantId tenant, CancellationToken cancellationToken, ImportRecord? pendingImport = null)
    {
        var ledger = await ledgerReader.ReadAsync(tenant, cancellationToken, pendingImport);
        var records = await closes.ListAsync(tenant, cancellationToken);
        await RefreshAsync(tenant, ledger, records, cancellationToken);
    }

    /// <summary>Recomputes the open months from <paramref name="ledger"/>, a ledger read or assembled with an import being finished.</summary>
    internal async Task RefreshAsync(TenantId tenant, TenantLedger ledger, CancellationToken cancellationToken) =>
        await RefreshAsync(tenant, ledger, await closes.ListAsync(tenant, cancellationToken), cancellationToken);

    /// <summary>Recomputes the open months from <paramref name="ledger"/> given the tenant's close records.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="ledger">The tenant's ledger.</param>
    /// <param name="records">The tenant's close records.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <param name="knownClosings">Locked snapshots the caller holds (a close's), used instead of reading them back.</param>
    /// <param name="prepared">The ledger's revenue engine at its data horizon, built ahead (<see cref="OpenMonths.BuildRevenueAsync"/>); null builds it.</param>
    internal async Task RefreshAsync(
        TenantId tenant, TenantLedger ledger, IReadOnlyList<CloseRecord> records, CancellationToken cancellationToken,
        IReadOnlyDictionary<(BillingMonth Month, int Version), IReadOnlyList<CustomerMonthEnd>>? knownClosings = null,
        Task<MonthlyRecurringRevenue>? prepared = null)
    {
        var now = clock.GetUtcNow();
        var current = settings.For(tenant).CurrentMonth(now);
        var run = await openMonths.StartAsync(tenant, ledger, records, atHorizon: true, cancellationToken, knownClosings, prepared: prepared);
        if (run is null || run.Month > current)
        {
            return;
        }

        var versions = records.ToDictionary(record => record.Month, record => record.Version);
        var stored = (await snapshots.ListAsync(tenant, null, null, cancellationToken)).ToDictionary(row => row.Kpis.Month);
        var written = 0;

        // Months are independent once computed: up to WritesInFlight of them are written while the next is computed
        // (the run never changes a month it has handed out).
        var writing = new Queue<Task<bool>>();
        try
        {
            for (var month = run.Month; month <= current; month = run.Month)
            {
                if (run.AwaitsData(month))
                {
                    written += await WriteAwaitingDataAsync(tenant, month, current, run.Horizon, versions, stored, now, cancellationToken);
                    break;
                }

                var outcome = await run.NextAsync(cancellationToken);
                if (outcome.Computed is not { } computed)
                {
                    logger.ProvisionalStopped(tenant.Value, month, outcome.MissingRate!.Message);
                    break;
                }

                if (writing.Count == WritesInFlight)
                {
                    written += await writing.Dequeue() ? 1 : 0;
                }

                // On the thread pool: the month's fingerprint and its drill-down's JSON and gzip run on the other core
                // while this one computes the next month (called directly, they would run here up to the first upload).
                var (version, asOf, previous) = (NextVersion(versions, month), run.MeasuredAt(month), stored.GetValueOrDefault(month));
                writing.Enqueue(Task.Run(() => WriteAsync(tenant, computed, version, asOf, previous, now, cancellationToken), cancellationToken));
            }

            while (writing.Count > 0)
            {
                written += await writing.Dequeue() ? 1 : 0;
            }
        }
        finally
        {
            // A failure leaves no write running behind the caller's back (a failed import's restore follows).
            await Task.WhenAll(writing.Select(task => task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)));
        }

        logger.ProvisionalRefreshed(tenant.Value, written);
    }

    /// <summary>Writes an awaiting-data row for each month from <paramref name="first"/> through <paramref name="last"/>.</summary>
    private async Task<int> WriteAwaitingDataAsync(
        TenantId tenant, BillingMonth first, BillingMonth last, DateTimeOffset? horizon, Dictionary<BillingMonth, int> versions,
        Dictionary<BillingMonth, KpiSnapshot> stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = 0;
        for (var month = first; month <= last; month = month.Next())
        {
            var empty = MonthlyKpis.Placeholder(month, settings.Metrics.ReportingCurrency);
            var computed = new ComputedMonth(new MonthEndResult(empty, [], []), []);
            if (await WriteAsync(
                tenant, computed, NextVersion(versions, month), horizon, stored.GetValueOrDefault(month), now, cancellationToken, KpiStatus.AwaitingData))
            {
                written++;
            }
        }

        return written;
    }

    /// <summary>The version an open month's rows carry: the one its next close writes.</summary>
    private static int NextVersion(Dictionary<BillingMonth, int> versions, BillingMonth month) =>
        versions.TryGetValue(month, out var closedVersion) ? closedVersion + 1 : 1;

    /// <returns>Whether the month's rows were written: false when a close holds the month, or when its stored rows already say exactly this.</returns>
    private async Task<bool> WriteAsync(
        TenantId tenant, ComputedMonth computed, int version, DateTimeOffset? asOf, KpiSnapshot? stored, DateTimeOffset now,
        CancellationToken cancellationToken, KpiStatus status = KpiStatus.Provisional)
    {
        var result = computed.Result;
        var month = result.Kpis.Month;
        var movers = RowsOfMovers(result);
        var snapshot = new KpiSnapshot(
            result.Kpis, status, version, now, settings.For(tenant).TimeZoneId, settings.Metrics.DelinquencyDays,
            MetricSettings.DefinitionsVersion)
        {
            AsOf = asOf,
        };
        snapshot = snapshot with { ContentHash = Fingerprint(snapshot, computed, movers) };

        // Only what an import changed is written again: a month computed exactly as its stored rows say keeps them
        // (and their ComputedAt, the time its figures last changed).
        if (stored is { Status: KpiStatus.Provisional or KpiStatus.AwaitingData } && stored.Status == status && stored.Version == version
            && string.Equals(stored.ContentHash, snapshot.ContentHash, StringComparison.Ordinal))
        {
            return false;
        }

        // The provisional folder only, never a version's: a close of this month may be writing version
        // `version` right now, and its snapshot must be the one it computed (ICloseArtifactStore). Written before
        // the row, so a provisional row never points at a drill-down that is not there yet.
        await artifacts.WriteProvisionalAsync(tenant, month, movers, result.Movements, cancellationToken);
        return await snapshots.WriteMonthAsync(tenant, snapshot, result.Segments, computed.CohortCells, cancellationToken);
    }

    /// <summary>
    /// SHA-256 over everything a refresh writes for the month but the time it was computed: the row's figures and
    /// settings, the segment rows, the cohort cells and the drill-down (movements and the movers' rows).
    /// </summary>
    private static string Fingerprint(KpiSnapshot snapshot, ComputedMonth computed, List<CustomerMonthEnd> movers)
    {
        // Serialised straight into the hash: the same bytes as SerializeToUtf8Bytes, without an array per document.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var sink = new HashingStream(hash))
        {
            JsonSerializer.Serialize(sink, snapshot with { ComputedAt = default, ContentHash = null }, FingerprintJson);
            JsonSerializer.Serialize(sink, computed.Result.Segments, FingerprintJson);
            JsonSerializer.Serialize(sink, computed.CohortCells, FingerprintJson);
            JsonSerializer.Serialize(sink, computed.Result.Movements, FingerprintJson);
            JsonSerializer.Serialize(sink, movers, FingerprintJson);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The snapshot rows of the customers in the drill-down: all that a provisional month's reader needs of it.</summary>
    /// <remarks>
    /// A provisional snapshot is never an opening (the next run starts from the last locked one), so storing every
    /// customer who ever paid, for every open month, would only cost: a provisional month keeps the rows behind its
    /// movements (names and attributes for the drill-down), a close version the whole snapshot.
    /// </remarks>
    private static List<CustomerMonthEnd> RowsOfMovers(MonthEndResult result)
    {
        var movers = result.Movements.Select(movement => movement.CustomerId).ToHashSet(StringComparer.Ordinal);
        return [.. result.Closing.Where(row => movers.Contains(row.CustomerId))];
    }
}
