using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Pipeline.Application.Closes;
using Pipeline.Application.Clv;
using Pipeline.Application.Ledger;
using Pipeline.Application.Months;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Kpis;

/// <summary>The KPI rows of the value segments (<c>kpis?by=valueSegment</c>): the value matrix of the customer cards as a KPI dimension.</summary>
/// <remarks>
/// <para>
/// A customer's value segment at a month end needs the CLV fits at that end (its CLV quintile), so it is not computed by
/// the close or the provisional refresh: it would put a fit per month on their critical path. It is computed on read by
/// the same month engine (<see cref="OpenMonths.Series"/>, <see cref="SegmentDimensions.ValueSegment"/>), each side of
/// a customer in the segment it has at that side's month end, so the segments add up to the headline row as every
/// dimension does.
/// </para>
/// <para>
/// A closed month is computed as its current close version computed it — over the imports that close read
/// (<see cref="ClosedMonthLedgers"/>), against the locked snapshot of the month before, at the month's end — and stored
/// with that version at the first read (<see cref="IValueSegmentKpiStore"/>), so its rows never change after; a reopen and
/// re-close gives a new version with rows of its own. Open months are computed on each read over the current ledger, as
/// the provisional refresh computes them. A closed month whose inputs can no longer be told apart is computed over the
/// current ledger and not stored.
/// </para>
/// </remarks>
public sealed class ValueSegmentKpiService(
    KpiQueryService kpis,
    ICloseLog closes,
    ClosedMonthLedgers closedLedgers,
    TenantLedgerReader ledgers,
    ICloseArtifactStore artifacts,
    OpenMonths openMonths,
    CustomerValueQueryService values,
    IValueSegmentKpiStore store)
{
    /// <summary>What was already found per ledger instance (ledgers are shared while their imports are the same).</summary>
    private readonly ConditionalWeakTable<TenantLedger, LedgerFindings> _found = [];

    /// <summary>
    /// The value segment rows of the months in the range with the headline rows of the same months, by month then
    /// segment; null when the tenant is unknown.
    /// </summary>
    public async Task<(IReadOnlyList<SegmentSnapshot> Segments, IReadOnlyList<KpiSnapshot> Headlines)?> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        if (await kpis.ListAsync(tenant, from, to, cancellationToken) is not { } headlines)
        {
            return null;
        }

        var segments = new List<SegmentSnapshot>();
        var closed = headlines.Where(row => row.Status == KpiStatus.Closed).ToList();
        if (closed.Count > 0)
        {
            var stored = await store.ListAsync(tenant, closed[0].Kpis.Month, closed[^1].Kpis.Month, cancellationToken);
            var missing = closed.Where(row => !stored.ContainsKey((row.Kpis.Month, row.Version))).ToList();
            segments.AddRange(closed.SelectMany(row => stored.GetValueOrDefault((row.Kpis.Month, row.Version)) ?? []));
            if (missing.Count > 0)
            {
                segments.AddRange(await ClosedAsync(tenant, missing, await closes.ListAsync(tenant, cancellationToken), cancellationToken));
            }
        }

        var open = headlines.Where(row => row.Status == KpiStatus.Provisional).ToList();
        if (open.Count > 0)
        {
            segments.AddRange(await OpenAsync(tenant, open, cancellationToken));
        }

        return (
            [.. segments.OrderBy(row => row.Segment.Kpis.Month).ThenBy(row => row.Segment.Value, StringComparer.Ordinal)],
            headlines);
    }

    /// <summary>
    /// Closed months' rows as their close versions computed the months, stored at this first read. Months whose closes
    /// read the same imports share one ledger, so they share one month series and the CLV findings at its month ends.
    /// </summary>
    private async Task<List<SegmentSnapshot>> ClosedAsync(
        TenantId tenant, List<KpiSnapshot> rows, IReadOnlyList<CloseRecord> records, CancellationToken cancellationToken)
    {
        var read = new List<(KpiSnapshot Row, TenantLedger Ledger, int? CloseVersion)>();
        foreach (var row in rows)
        {
            try
            {
                var (ledger, closeVersion) = await closedLedgers.ReadAsync(tenant, row.Kpis.Month, cancellationToken, row.Version);
                read.Add((row, ledger, closeVersion));
            }
            catch (CloseVersionUnavailableException)
            {
                read.Add((row, await ledgers.ReadAsync(tenant, cancellationToken), null));
            }
        }

        var segments = new List<SegmentSnapshot>();
        foreach (var sameLedger in read.GroupBy(item => item.Ledger, ReferenceEqualityComparer.Instance))
        {
            var ledger = sameLedger.First().Ledger;
            var months = sameLedger.Select(item => item.Row.Kpis.Month).ToList();
            var series = openMonths.Series(tenant, ledger, valueSegments: Inputs(tenant, ledger, months.Min().Previous(), months.Max()));
            foreach (var (row, _, closeVersion) in sameLedger)
            {
                segments.AddRange(await ClosedAsync(tenant, row, series, closeVersion, records, cancellationToken));
            }
        }

        return segments;
    }

    /// <summary>One closed month's rows, computed by <paramref name="series"/> over the ledger its close version read.</summary>
    private async Task<IReadOnlyList<SegmentSnapshot>> ClosedAsync(
        TenantId tenant, KpiSnapshot row, MonthSeries series, int? closeVersion, IReadOnlyList<CloseRecord> records, CancellationToken cancellationToken)
    {
        var month = row.Kpis.Month;
        var before = records.FirstOrDefault(record => record.Month == month.Previous() && record.Status == CloseStatus.Closed);
        var opening = before is null
            ? []
            : await artifacts.ReadClosingAsync(tenant, before.Month, before.Version, cancellationToken)
                ?? throw new InvalidOperationException($"The locked snapshot of {before.Month} (version {before.Version}) of tenant {tenant} is missing.");
        var segments = ValueSegments(series.Compute(month, opening));
        // The figures are those of the close version: they carry its time, as the month's other segment rows do.
        if (closeVersion == row.Version)
        {
            await store.WriteAsync(tenant, month, row.Version, row.ComputedAt, segments, cancellationToken);
        }

        return [.. segments.Select(segment => new SegmentSnapshot(segment, KpiStatus.Closed, row.Version, row.ComputedAt))];
    }

    /// <summary>The open months' rows, computed over the current ledger from the last closed month on, as the provisional refresh does.</summary>
    private async Task<IReadOnlyList<SegmentSnapshot>> OpenAsync(TenantId tenant, List<KpiSnapshot> open, CancellationToken cancellationToken)
    {
        var ledger = await ledgers.ReadAsync(tenant, cancellationToken);
        var records = await closes.ListAsync(tenant, cancellationToken);
        var wanted = open.ToDictionary(row => row.Kpis.Month);
        var (first, last) = (open[0].Kpis.Month, open[^1].Kpis.Month);
        var inputs = Inputs(tenant, ledger, first.Previous(), last);
        var run = await openMonths.StartAsync(tenant, ledger, records, atHorizon: true, cancellationToken, valueSegments: inputs);
        var rows = new List<SegmentSnapshot>();
        while (run is not null && run.Month <= last && !run.AwaitsData(run.Month))
        {
            var month = run.Month;
            var outcome = await run.NextAsync(cancellationToken);
            if (outcome.Computed is null)
            {
                break;
            }

            if (wanted.TryGetValue(month, out var headline))
            {
                rows.AddRange(ValueSegments(outcome).Select(segment => new SegmentSnapshot(segment, KpiStatus.Provisional, headline.Version, headline.ComputedAt)));
            }
        }

        return rows;
    }

    /// <summary>The referrers and the CLV quintile-1 customers at every month end from <paramref name="first"/> to <paramref name="last"/>.</summary>
    private ValueSegmentInputs Inputs(TenantId tenant, TenantLedger ledger, BillingMonth first, BillingMonth last)
    {
        var found = _found.GetOrCreateValue(ledger);
        var top = new Dictionary<BillingMonth, IReadOnlySet<string>>();
        for (var month = first; month <= last; month = month.Next())
        {
            top[month] = found.TopQuintiles.GetOrAdd(month, end => TopClvQuintile(tenant, ledger, end, found.MonthEnds));
        }

        return new ValueSegmentInputs(CustomerValueQueryService.Referrers(ledger), top);
    }

    /// <summary>The quintile-1 customers at the month's end; none when a rate the fits need is missing (the tier alone then decides).</summary>
    private IReadOnlySet<string> TopClvQuintile(
        TenantId tenant, TenantLedger ledger, BillingMonth month, ConcurrentDictionary<BillingMonth, IReadOnlyDictionary<string, decimal>> monthEnds)
    {
        if (ledger.FirstMonth is not { } firstMonth || month < firstMonth)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        try
        {
            return values.TopClvQuintile(tenant, ledger, month, monthEnds);
        }
        catch (MissingExchangeRateException)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>The CLV quintile-1 customers and the customers' MRR found at month ends of one ledger.</summary>
    private sealed class LedgerFindings
    {
        public ConcurrentDictionary<BillingMonth, IReadOnlySet<string>> TopQuintiles { get; } = new();

        public ConcurrentDictionary<BillingMonth, IReadOnlyDictionary<string, decimal>> MonthEnds { get; } = new();
    }

    private static List<SegmentKpis> ValueSegments(MonthOutcome outcome) =>
        outcome.Computed is { } computed
            ? [.. computed.Result.Segments.Where(segment => segment.Dimension == SegmentDimensions.ValueSegment)]
            : [];
}
