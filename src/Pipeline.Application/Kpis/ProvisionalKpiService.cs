using System.Collections.Concurrent;
using System.Globalization;
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

    /// <summary>Per tenant: the refreshes under way in this process and the last one that completed alone (<see cref="KeepsOpenMonths"/>).</summary>
    private readonly ConcurrentDictionary<TenantId, RefreshTrack> _tracks = new();

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
        var track = _tracks.GetOrAdd(tenant, _ => new RefreshTrack());
        var ticket = track.Begin();
        var completed = false;
        try
        {
            completed = await RefreshOpenMonthsAsync(tenant, ledger, records, now, current, knownClosings, prepared, cancellationToken);
        }
        finally
        {
            track.End(ticket, completed ? new CompletedRefresh(ledger, RecordsKey(records), current) : null);
        }
    }

    /// <summary>
    /// Whether the open months after a close are, as stored, what a refresh would write again: the last refresh of the
    /// tenant in this process completed alone (no other ran beside it, none since), over this very ledger, with the
    /// close records the close started from, in the current month. Then the close started from the same locked month
    /// as that refresh and computed the months it locked as the refresh did (the caller checks that none of them was
    /// measured at the data horizon), so the refresh from its last lock would compute every open month as stored.
    /// </summary>
    /// <remarks>
    /// When it answers true, what it knows moves on to <paramref name="recordsAfterClose"/>: the rows are as a refresh
    /// from the new locks would write them, so the next close can keep them too.
    /// </remarks>
    /// <param name="tenant">The tenant.</param>
    /// <param name="ledger">The ledger the close computed from (the tenant's current one).</param>
    /// <param name="recordsBeforeClose">The tenant's close records when the close started.</param>
    /// <param name="recordsAfterClose">The tenant's close records with the months the close locked.</param>
    internal bool KeepsOpenMonths(
        TenantId tenant, TenantLedger ledger, IReadOnlyList<CloseRecord> recordsBeforeClose, IReadOnlyList<CloseRecord> recordsAfterClose)
    {
        var current = settings.For(tenant).CurrentMonth(clock.GetUtcNow());
        var before = RecordsKey(recordsBeforeClose);
        return _tracks.TryGetValue(tenant, out var track) && track.Advance(
            done => ReferenceEquals(done.Ledger, ledger) && string.Equals(done.Records, before, StringComparison.Ordinal) && done.Current == current,
            RecordsKey(recordsAfterClose));
    }

    /// <summary>The open months' run and writes; false when it stopped before the current month (a missing rate).</summary>
    private async Task<bool> RefreshOpenMonthsAsync(
        TenantId tenant, TenantLedger ledger, IReadOnlyList<CloseRecord> records, DateTimeOffset now, BillingMonth current,
        IReadOnlyDictionary<(BillingMonth Month, int Version), IReadOnlyList<CustomerMonthEnd>>? knownClosings,
        Task<MonthlyRecurringRevenue>? prepared, CancellationToken cancellationToken)
    {
        var run = await openMonths.StartAsync(tenant, ledger, records, atHorizon: true, cancellationToken, knownClosings, prepared: prepared);
        if (run is null || run.Month > current)
        {
            return true;
        }

        var versions = records.ToDictionary(record => record.Month, record => record.Version);
        var stored = (await snapshots.ListAsync(tenant, null, null, cancellationToken)).ToDictionary(row => row.Kpis.Month);
        var written = 0;
        var stopped = false;

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
                    stopped = true;
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
        return !stopped;
    }

    /// <summary>The close records as one comparable text: month, version and status of each, in order.</summary>
    private static string RecordsKey(IReadOnlyList<CloseRecord> records) =>
        string.Join(';', records.OrderBy(record => record.Month).ThenBy(record => record.Version)
            .Select(record => string.Create(CultureInfo.InvariantCulture, $"{record.Month}:{record.Version}:{record.Status}")));

    /// <summary>What a refresh that completed computed from: the ledger (the instance), the close records and the current month.</summary>
    private sealed record CompletedRefresh(TenantLedger Ledger, string Records, BillingMonth Current);

    /// <summary>A tenant's refreshes in this process: how many run, a ticket per start, and the last that completed alone.</summary>
    private sealed class RefreshTrack
    {
        private readonly Lock _gate = new();
        private int _running;
        private long _started;
        private bool _overlapped;
        private CompletedRefresh? _completed;

        /// <summary>A refresh starts: nothing is known to be as stored until one completes alone.</summary>
        public long Begin()
        {
            lock (_gate)
            {
                _completed = null;
                _overlapped |= _running > 0;
                _running++;
                return ++_started;
            }
        }

        /// <summary>
        /// A refresh ends; <paramref name="completed"/> (null when it failed or stopped early) is kept only when no other
        /// refresh ran beside it or started after it: the stored rows are then its own.
        /// </summary>
        public void End(long ticket, CompletedRefresh? completed)
        {
            lock (_gate)
            {
                _running--;
                var alone = !_overlapped && ticket == _started;
                if (_running == 0)
                {
                    _overlapped = false;
                }

                _completed = completed is not null && alone && _running == 0 ? completed : null;
            }
        }

        /// <summary>
        /// True when no refresh runs and the last one that completed alone satisfies <paramref name="covers"/>; it then
        /// stands for the close records <paramref name="records"/>.
        /// </summary>
        public bool Advance(Func<CompletedRefresh, bool> covers, string records)
        {
            lock (_gate)
            {
                if (_running > 0 || _completed is not { } done || !covers(done))
                {
                    return false;
                }

                _completed = done with { Records = records };
                return true;
            }
        }
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
        return await snapshots.WriteMonthAsync(tenant, snapshot, result.Segments, computed.CohortCells, cancellationToken, monthAbsent: stored is null);
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
