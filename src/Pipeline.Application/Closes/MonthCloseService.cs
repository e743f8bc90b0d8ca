using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Application.Months;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Closes;

/// <summary>Closes a tenant's months: computes each against the previous locked snapshot, then locks it.</summary>
/// <remarks>
/// <para>
/// Months are closed oldest first from the month after the last closed one (or the tenant's first month with data),
/// so a missed run catches up by itself. Per month the writes go snapshot blobs (the version's own folder) → KPI
/// rows (headline row first, then segment rows and cohort cells) → <c>Closes</c> record, and only the last one
/// makes the month closed: a crash in between leaves it open and the next run redoes it with the same result.
/// Closing a closed month again changes nothing. Provisional refreshes run without the lease, but they never write
/// a version's snapshot folder (<see cref="ICloseArtifactStore.WriteProvisionalAsync"/>) and never replace a closed
/// headline row, nor the segment rows and cohort cells of a month whose headline row is closed, so what a version's
/// record commits is exactly what its close wrote.
/// </para>
/// <para>
/// Closes and reopens of one tenant never interleave: each takes the tenant's close lease first
/// (<see cref="ICloseLog.TryAcquireLeaseAsync"/>, renewed between months every <see cref="LeaseRenewalInterval"/>, released at the end) and a caller
/// that finds it held gets <see cref="CloseOutcomeKind.Busy"/>. Version records are insert-only, so even a closer
/// whose lease expired under it cannot write a version twice: it stops with Busy too.
/// </para>
/// <para>
/// The first month computed against a locked snapshot is checked for late data (<see cref="LateData"/>): its late
/// customers' movements are flagged, and closing it writes the locked month's restatement delta to the audit trail.
/// </para>
/// </remarks>
public sealed partial class MonthCloseService(
    TenantLedgerReader ledgerReader,
    ICloseLog closes,
    ICloseArtifactStore artifacts,
    IKpiSnapshotStore snapshots,
    IImportLog imports,
    ICloseAuditLog audit,
    OpenMonths openMonths,
    ProvisionalKpiService provisional,
    TenantSettings settings,
    TimeProvider clock,
    ILogger<MonthCloseService> logger)
{
    /// <summary>How long a closer holds the tenant's lease without renewing it (renewed before a month once this much has passed since the last renewal).</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a closer renews its lease, at most: before the next month once this long has passed since the last
    /// renewal (a close of many months renews every half minute instead of before each month, a storage round trip less
    /// per month; the lease still has at least 4.5 minutes left whenever a month starts).
    /// </summary>
    public static readonly TimeSpan LeaseRenewalInterval = TimeSpan.FromSeconds(30);

    /// <summary>How many computed months may be being written or waiting for their commit while the next months are computed.</summary>
    private const int WritesInFlight = 6;

    /// <summary>Closes every open month of the tenant through <paramref name="through"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="through">The last month to close; every open month before it is closed first, oldest first.</param>
    /// <param name="closedBy">Who closes (recorded in the close records and the audit trail).</param>
    /// <param name="cancellationToken">Cancels the run between writes.</param>
    /// <param name="locked">Told of each month's record as soon as it is locked (a CLI reports progress with it).</param>
    public async Task<CloseOutcome> CloseThroughAsync(
        TenantId tenant, BillingMonth through, string closedBy, CancellationToken cancellationToken, IProgress<CloseRecord>? locked = null)
    {
        var now = clock.GetUtcNow();
        var calendar = settings.For(tenant);
        if (!calendar.HasEnded(through, now))
        {
            return new CloseOutcome(CloseOutcomeKind.MonthNotEnded, through, [],
                $"{through} has not ended yet in {calendar.TimeZoneId}; it can be closed from {through.Next()}.");
        }

        var ledger = await ledgerReader.ReadAsync(tenant, cancellationToken);
        if (ledger.FirstMonth is not { } firstMonth)
        {
            return new CloseOutcome(CloseOutcomeKind.NoData, through, [], $"Tenant {tenant} has no accepted revenue data.");
        }

        var acquired = await AcquireAsync(tenant, closedBy, cancellationToken);
        if (acquired is null)
        {
            return await BusyAsync(tenant, through, [], cancellationToken);
        }

        var lease = new StrongBox<CloseLease>(acquired);
        try
        {
            return await CloseHoldingAsync(tenant, through, closedBy, ledger, firstMonth, lease, locked, cancellationToken);
        }
        finally
        {
            await closes.ReleaseLeaseAsync(lease.Value!, CancellationToken.None);
        }
    }

    /// <summary>
    /// Reopens <paramref name="month"/> and every later closed month with a required reason, recorded in the audit
    /// trail; re-closing them later writes new versions, and every earlier version stays readable.
    /// </summary>
    /// <remarks>
    /// Months are reopened latest first, so an interrupted reopen leaves closed months only before reopened ones
    /// (closes resume from the first open month). Each month's KPI rows become provisional (marked with the next
    /// version) before its record says Reopened; then the open months' provisional figures are recomputed.
    /// The outcome lists the reopened records (status Reopened) oldest first.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is not acceptable (<see cref="ReopenReason"/>).</exception>
    public async Task<CloseOutcome> ReopenAsync(
        TenantId tenant, BillingMonth month, string reason, string reopenedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reopenedBy);
        if (ReopenReason.Problem(reason) is { } problem)
        {
            throw new ArgumentException(problem, nameof(reason));
        }

        var lease = await AcquireAsync(tenant, reopenedBy, cancellationToken);
        if (lease is null)
        {
            return await BusyAsync(tenant, month, [], cancellationToken);
        }

        try
        {
            var records = await closes.ListAsync(tenant, cancellationToken);
            var target = records.FirstOrDefault(record => record.Month == month);
            if (target?.Status != CloseStatus.Closed)
            {
                var status = target?.Status ?? CloseStatus.Open;
                return new CloseOutcome(CloseOutcomeKind.NotClosed, month, [],
                    $"{month} of tenant {tenant} is not closed (status {status}): only a closed month can be reopened.");
            }

            var reopened = new List<CloseRecord>();
            foreach (var record in records.Where(record => record.Month >= month && record.Status == CloseStatus.Closed).OrderByDescending(record => record.Month))
            {
                await snapshots.ReopenAsync(tenant, record.Month, record.Version + 1, cancellationToken);
                var open = record with { Status = CloseStatus.Reopened };
                await closes.SaveAsync(open, cancellationToken);
                await audit.AppendAsync(
                    new CloseAuditEntry(tenant, record.Month, CloseAuditKinds.Reopened, record.Version, clock.GetUtcNow(), reopenedBy, reason.Trim()),
                    cancellationToken);
                logger.MonthReopened(tenant.Value, record.Month, record.Version, reopenedBy);
                reopened.Insert(0, open);
            }

            await provisional.RefreshAsync(tenant, cancellationToken);
            return new CloseOutcome(CloseOutcomeKind.Reopened, month, reopened);
        }
        finally
        {
            await closes.ReleaseLeaseAsync(lease, CancellationToken.None);
        }
    }

    /// <summary>The state of one month: status, versions, pending restatement delta and audit trail.</summary>
    /// <remarks>
    /// The pending restatement delta is live: the month's MRR at its end as the current ledger gives it, minus the
    /// locked MRR (null when the month is not closed, nothing changed, or a rate is missing).
    /// </remarks>
    public async Task<MonthCloseState> StateAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        var versions = await closes.ListVersionsAsync(tenant, month, cancellationToken);
        var current = versions.Count > 0 ? versions[^1] : null;
        var status = current?.Status ?? CloseStatus.Open;
        var version = current switch
        {
            null => 1,
            { Status: CloseStatus.Closed } => current.Version,
            _ => current.Version + 1,
        };
        var pending = status == CloseStatus.Closed ? await PendingRestatementAsync(tenant, current!, cancellationToken) : null;
        var trail = await audit.ListAsync(tenant, month, cancellationToken);
        return new MonthCloseState(tenant, month, status, version, current, versions, pending, trail);
    }

    /// <summary>Every close record of the tenant, oldest month first.</summary>
    public Task<IReadOnlyList<CloseRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        closes.ListAsync(tenant, cancellationToken);

    /// <summary>
    /// Closes, for every tenant, every month that is due (<c>CloseLagDays</c> after its end in the tenant's business
    /// time zone, see <see cref="TenantSettings.For"/>), oldest first; a tenant whose close fails does not stop the
    /// others, and the failures are rethrown together at the end.
    /// </summary>
    public async Task<IReadOnlyList<CloseOutcome>> CloseDueMonthsAsync(string closedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outcomes = new List<CloseOutcome>();
        var failures = new List<Exception>();
        foreach (var tenant in await imports.ListTenantsAsync(cancellationToken))
        {
            try
            {
                outcomes.Add(await CloseThroughAsync(tenant, settings.For(tenant).LatestDueMonth(now), closedBy, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Add(exception);
            }
        }

        return failures.Count == 0
            ? outcomes
            : throw new AggregateException($"Closing due months failed for {failures.Count} tenant(s).", failures);
    }

    /// <summary>
    /// Whether every month this close locked is measured at its end by the refresh's engine too (none contains the data
    /// horizon or comes after it): then the locks are the months a refresh computed before the close.
    /// </summary>
    private static async Task<bool> LockedAsTheRefreshMeasuresAsync(
        List<CloseRecord> closedNow, OpenMonthRun? run, Task<MonthlyRecurringRevenue> refreshRevenue)
    {
        if (closedNow.Count == 0)
        {
            return true;
        }

        var last = closedNow.Max(record => record.Month);
        return run is not null && !run.AwaitsData(last) && (await refreshRevenue).MeasuredAt(last) is null;
    }

    private async Task<CloseOutcome> CloseHoldingAsync(
        TenantId tenant, BillingMonth through, string closedBy, TenantLedger ledger, BillingMonth firstMonth, StrongBox<CloseLease> lease,
        IProgress<CloseRecord>? locked, CancellationToken cancellationToken)
    {
        var records = await closes.ListAsync(tenant, cancellationToken);
        var recordsBefore = records;
        var closedNow = new List<CloseRecord>();
        string? stopped = null;
        var busy = false;

        // The refresh after the close measures the open months at the data horizon, with an engine of its own: it is
        // built on the other core while this one builds the close's and locks the months.
        var refreshRevenue = openMonths.BuildRevenueAsync(tenant, ledger, atHorizon: true);
        Observe(refreshRevenue);
        var run = await openMonths.StartAsync(tenant, ledger, records, atHorizon: false, cancellationToken);
        var lockedClosings = new Dictionary<(BillingMonth Month, int Version), IReadOnlyList<CustomerMonthEnd>>();
        if (run is not null && run.Month <= through)
        {
            // Each month's artifacts and rows are written while the next months are computed. Its record (the commit
            // point) is inserted by a chain of commits beside the computation, each once its month is written and the
            // month before it is committed, so months still lock oldest first and a crash leaves a prefix closed; the
            // computation waits only when WritesInFlight months are not committed yet.
            var writes = new List<Task>();
            var commits = new Queue<Task<bool>>();
            var lastCommit = Task.FromResult(true);
            using var stopCommits = new CancellationTokenSource();
            try
            {
                while (run.Month <= through)
                {
                    var month = run.Month;
                    var outcome = await run.NextAsync(cancellationToken);
                    if (outcome.Computed is not { } computed)
                    {
                        // Nothing of this month was written: it stays open, and so do the months after it.
                        stopped = outcome.MissingRate!.Message;
                        break;
                    }

                    if (lease.Value!.ExpiresAt - clock.GetUtcNow() < LeaseDuration - LeaseRenewalInterval)
                    {
                        var renewed = await closes.TryRenewLeaseAsync(lease.Value!, clock.GetUtcNow(), LeaseDuration, cancellationToken);
                        if (renewed is null)
                        {
                            // The lease expired and another closer took over: leave the rest to it.
                            await stopCommits.CancelAsync();
                            busy = true;
                            break;
                        }

                        lease.Value = renewed;
                    }

                    var version = (records.FirstOrDefault(record => record.Month == month)?.Version ?? 0) + 1;
                    var written = WriteVersionAsync(tenant, computed, version, cancellationToken);
                    writes.Add(written);
                    lastCommit = CommitAfterAsync(lastCommit, written, computed, version);
                    commits.Enqueue(lastCommit);
                    if (commits.Count == WritesInFlight && !await commits.Dequeue())
                    {
                        break;
                    }
                }

                while (commits.Count > 0 && await commits.Dequeue())
                {
                }
            }
            finally
            {
                // Writes of months not committed (a failure, a lost lease) and the commits under way finish before the
                // lease is released; those months stay open, and the next close writes their version again.
                await Task.WhenAll(writes.Concat(commits).Select(pending => pending.ContinueWith(
                    _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)));
            }

            async Task<bool> CommitAfterAsync(Task<bool> previous, Task written, ComputedMonth computed, int version)
            {
                if (!await previous)
                {
                    return false;
                }

                await written;
                if (stopCommits.IsCancellationRequested)
                {
                    return false;
                }

                var committed = await CommitAsync(tenant, computed, version, ledger, closedBy, cancellationToken);
                if (committed is null)
                {
                    // Another closer wrote this version first: leave the rest to it.
                    busy = true;
                    return false;
                }

                closedNow.Add(committed);
                locked?.Report(committed);
                return true;
            }

            records = await closes.ListAsync(tenant, cancellationToken);

            // The snapshots this close locked and its run still holds: the refresh below starts from them.
            foreach (var record in closedNow)
            {
                if (run.HeldClosings.TryGetValue(record.Month, out var closing))
                {
                    lockedClosings[(record.Month, record.Version)] = closing;
                }
            }
        }

        if (busy)
        {
            return await BusyAsync(tenant, through, closedNow, cancellationToken);
        }

        // An import accepted while this close ran refreshed the open months from its newer ledger: refresh them
        // from the current one too, not from the one this close read, or the newer figures would be overwritten.
        var isCurrent = await ledgerReader.IsCurrentAsync(tenant, ledger, cancellationToken);
        if (isCurrent && stopped is null && await LockedAsTheRefreshMeasuresAsync(closedNow, run, refreshRevenue)
            && provisional.KeepsOpenMonths(tenant, ledger, recordsBefore, records))
        {
            // The open months are as the last refresh wrote them from this ledger: computing them again from the locks
            // this close just computed itself would write nothing.
            logger.ProvisionalKept(tenant.Value, through);
        }
        else
        {
            var current = isCurrent ? ledger : await ledgerReader.ReadAsync(tenant, cancellationToken);
            await provisional.RefreshAsync(tenant, current, records, cancellationToken, lockedClosings, isCurrent ? refreshRevenue : null);
        }

        if (stopped is not null)
        {
            return new CloseOutcome(CloseOutcomeKind.MissingExchangeRate, through, closedNow, stopped);
        }

        return through < firstMonth
            ? new CloseOutcome(CloseOutcomeKind.BeforeFirstMonth, through, [], $"Tenant {tenant} has no data before {firstMonth}.")
            : new CloseOutcome(CloseOutcomeKind.Closed, through, closedNow);
    }

    /// <summary>
    /// Observes a failure of an engine built ahead, which goes unused when the close stops early (busy, a failure) or the
    /// ledger changed meanwhile; a refresh that does use it sees the failure when it awaits it.
    /// </summary>
    private static void Observe(Task<MonthlyRecurringRevenue> prepared) =>
        _ = prepared.ContinueWith(build => build.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>Writes a close version's artifacts, then its KPI rows (headline row first): everything but its record.</summary>
    private async Task WriteVersionAsync(TenantId tenant, ComputedMonth computed, int version, CancellationToken cancellationToken)
    {
        var result = computed.Result;
        var kpis = result.Kpis;
        await artifacts.WriteAsync(tenant, kpis.Month, version, result.Closing, result.Movements, cancellationToken);

        // The headline row first: from then on provisional refreshes leave the month's segment rows and cohort cells
        // alone, and the closed write removes whatever a refresh wrote before it.
        await snapshots.WriteMonthAsync(
            tenant,
            new KpiSnapshot(kpis, KpiStatus.Closed, version, clock.GetUtcNow(), settings.For(tenant).TimeZoneId, settings.Metrics.DelinquencyDays,
                MetricSettings.DefinitionsVersion),
            result.Segments,
            computed.CohortCells,
            cancellationToken);
    }

    /// <summary>Inserts a written close version's record (the commit point), then its audit trail.</summary>
    /// <returns>The version's record, or null when that version of the month was already written by another closer.</returns>
    private async Task<CloseRecord?> CommitAsync(
        TenantId tenant, ComputedMonth computed, int version, TenantLedger ledger, string closedBy, CancellationToken cancellationToken)
    {
        var kpis = computed.Result.Kpis;
        var now = clock.GetUtcNow();
        var record = new CloseRecord
        {
            Tenant = tenant,
            Month = kpis.Month,
            Status = CloseStatus.Closed,
            Version = version,
            ClosedAt = now,
            ClosedBy = closedBy,
            InputsFingerprint = ledger.InputsFingerprint,
            InputImports = ledger.ImportIds.Count,
            Mrr = kpis.Mrr,
            Currency = kpis.Currency,
            Customers = kpis.Customers,
            DataHorizon = ledger.DataHorizon,
            Warning = HorizonWarning(tenant, kpis.Month, ledger.DataHorizon),
        };
        if (!await closes.TryAddAsync(record, cancellationToken))
        {
            return null;
        }

        // The record is the commit point; the audit trail follows it.
        logger.MonthClosed(tenant.Value, kpis.Month, version, closedBy);
        await audit.AppendAsync(new CloseAuditEntry(tenant, kpis.Month, CloseAuditKinds.Closed, version, now, closedBy), cancellationToken);
        if (computed.Restatement is { HasLateData: true } restatement)
        {
            logger.LateDataFound(tenant.Value, restatement.LockedMonth, restatement.LateCustomers.Count, restatement.Delta);
            await audit.AppendAsync(
                new CloseAuditEntry(
                    tenant, restatement.LockedMonth, CloseAuditKinds.Restatement, restatement.LockedVersion, now, closedBy,
                    string.Create(CultureInfo.InvariantCulture,
                        $"Late data for {restatement.LateCustomers.Count} customer(s) found by the close of {kpis.Month} (version {version}); {restatement.LockedMonth} stays as closed."),
                    restatement.Delta),
                cancellationToken);
        }

        return record;
    }

    /// <summary>The warning of a close whose month ends after the data horizon: renewals after it are not exported yet.</summary>
    private string? HorizonWarning(TenantId tenant, BillingMonth month, DateTimeOffset? horizon)
    {
        var timeZone = settings.For(tenant).BusinessTimeZone;
        if (horizon is not { } known || known >= month.EndInstant(timeZone))
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(known, timeZone);
        return string.Create(CultureInfo.InvariantCulture,
            $"{month} ends after the data horizon {local:yyyy-MM-dd HH:mm} ({timeZone.Id}), the latest date the exports cover: lines that end after it and have no renewal in the ledger count as ended. Renewals exported later arrive as late data in the next open month (or reopen {month} to restate it).");
    }

    private async Task<decimal?> PendingRestatementAsync(TenantId tenant, CloseRecord current, CancellationToken cancellationToken)
    {
        var ledger = await ledgerReader.ReadAsync(tenant, cancellationToken);
        var delta = openMonths.Series(tenant, ledger).RestatedMrr(current.Month) - current.Mrr;
        return delta == 0m ? null : delta;
    }

    private Task<CloseLease?> AcquireAsync(TenantId tenant, string by, CancellationToken cancellationToken) =>
        closes.TryAcquireLeaseAsync(tenant, LeaseHolder.New(by), clock.GetUtcNow(), LeaseDuration, cancellationToken);

    /// <summary>The Busy outcome, saying who holds the lease since when and until when, and how to break a dead closer's.</summary>
    private async Task<CloseOutcome> BusyAsync(
        TenantId tenant, BillingMonth month, IReadOnlyList<CloseRecord> closedNow, CancellationToken cancellationToken)
    {
        logger.CloseBusy(tenant.Value);
        var lease = await closes.FindLeaseAsync(tenant, cancellationToken);
        var message = lease is null
            ? $"Another close or reopen of tenant {tenant} was running and has just finished; try again."
            : $"Another close or reopen of tenant {tenant} is running: its lease is held by {lease.Describe()}. "
                + "Try again when it has finished; if that closer is dead (its host stopped), break the lease with a reason: "
                + $"DELETE /api/tenants/{tenant}/closes/lease?reason=… or 'pipeline break-lease --tenant {tenant} --reason …'.";
        return new CloseOutcome(CloseOutcomeKind.Busy, month, closedNow, message);
    }
}
