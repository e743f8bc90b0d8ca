using Pipeline.Application.Closes;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Months;

/// <summary>A tenant's open months computed one after the other, each against the snapshot of the month before.</summary>
/// <remarks>
/// <see cref="Month"/> is the next month to compute. <see cref="NextAsync"/> computes it and, when it could be computed,
/// moves on to the month after it with its closing snapshot as the opening; a month with a missing rate leaves the run
/// where it is (the caller stops there). What the caller does with each month — write provisional rows, or lock a
/// close version — is its own business: the run never writes.
/// </remarks>
public sealed class OpenMonthRun
{
    private readonly TenantId _tenant;
    private readonly MonthSeries _series;
    private readonly ICloseArtifactStore _artifacts;
    private readonly IReadOnlyDictionary<BillingMonth, CloseRecord> _closed;
    private readonly IReadOnlyDictionary<(BillingMonth Month, int Version), IReadOnlyList<CustomerMonthEnd>> _known;
    private IReadOnlyList<CustomerMonthEnd> _opening;
    private int? _lockedVersion;

    internal OpenMonthRun(
        TenantId tenant,
        MonthSeries series,
        ICloseArtifactStore artifacts,
        IReadOnlyDictionary<BillingMonth, CloseRecord> closed,
        BillingMonth firstOpenMonth,
        IReadOnlyList<CustomerMonthEnd> opening,
        int? lockedVersion,
        IReadOnlyDictionary<(BillingMonth Month, int Version), IReadOnlyList<CustomerMonthEnd>> known)
    {
        (_tenant, _series, _artifacts, _closed, _known) = (tenant, series, artifacts, closed, known);
        (Month, _opening, _lockedVersion) = (firstOpenMonth, opening, lockedVersion);
    }

    /// <summary>The next month the run computes: the first open month, then each month after a computed one.</summary>
    public BillingMonth Month { get; private set; }

    /// <summary>The latest instant the tenant's exports cover (<see cref="DataHorizon"/>).</summary>
    public DateTimeOffset? Horizon { get; init; }

    /// <summary>The month containing <see cref="Horizon"/>, in the tenant's business time zone.</summary>
    public BillingMonth? HorizonMonth { get; init; }

    /// <summary>Whether <paramref name="month"/> lies wholly after the data horizon: no export covers any of it yet.</summary>
    public bool AwaitsData(BillingMonth month) => HorizonMonth is { } last && month > last;

    /// <summary>The instant the figures of <paramref name="month"/> are measured at when that is before its end; else null.</summary>
    public DateTimeOffset? MeasuredAt(BillingMonth month) => _series.MeasuredAt(month);

    /// <summary>The closing snapshots of the months this run computed that it still holds (the last twelve), by month.</summary>
    public IReadOnlyDictionary<BillingMonth, IReadOnlyList<CustomerMonthEnd>> HeldClosings => _series.HeldClosings;

    /// <summary>Computes <see cref="Month"/> and moves on when it could be computed.</summary>
    public async Task<MonthOutcome> NextAsync(CancellationToken cancellationToken)
    {
        var yearBefore = Month.PlusMonths(-12);
        var lockedYearBefore = !_series.Holds(yearBefore) && _closed.TryGetValue(yearBefore, out var record)
            ? _known.GetValueOrDefault((yearBefore, record.Version))
                ?? await _artifacts.ReadClosingAsync(_tenant, yearBefore, record.Version, cancellationToken)
            : null;
        var outcome = _series.Compute(Month, _opening, _lockedVersion, lockedYearBefore);
        if (outcome.Computed is { } computed)
        {
            (_opening, _lockedVersion, Month) = (computed.Result.Closing, null, Month.Next());
        }

        return outcome;
    }
}
