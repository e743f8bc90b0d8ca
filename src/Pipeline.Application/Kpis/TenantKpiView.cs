using System.Collections.Concurrent;
using Pipeline.Domain;

namespace Pipeline.Application.Kpis;

/// <summary>A tenant's KPI rows as read under one change stamp (<see cref="ClosedKpiCache"/>): every headline row, and segment rows per dimension once asked for.</summary>
internal sealed class TenantKpiView(
    string stamp, IReadOnlyList<KpiSnapshot> rows, Func<string, CancellationToken, Task<IReadOnlyList<SegmentSnapshot>>> readSegments)
{
    private readonly Dictionary<BillingMonth, KpiSnapshot> _byMonth = rows.ToDictionary(row => row.Kpis.Month);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<SegmentSnapshot>>>> _segments = new(StringComparer.Ordinal);

    public string Stamp { get; } = stamp;

    /// <summary>The rows from <paramref name="from"/> to <paramref name="to"/> (inclusive, each optional), oldest first.</summary>
    public IReadOnlyList<KpiSnapshot> Range(BillingMonth? from, BillingMonth? to) =>
        rows.Where(row => (from is null || row.Kpis.Month >= from) && (to is null || row.Kpis.Month <= to)).ToList();

    public KpiSnapshot? Find(BillingMonth month) => _byMonth.GetValueOrDefault(month);

    /// <summary>The segment rows of a dimension in the range; the dimension's rows are read once for the view (a failed read is tried again).</summary>
    public async Task<IReadOnlyList<SegmentSnapshot>> SegmentsAsync(
        string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var reading = _segments.GetOrAdd(dimension, key => new Lazy<Task<IReadOnlyList<SegmentSnapshot>>>(() => readSegments(key, CancellationToken.None)));
        IReadOnlyList<SegmentSnapshot> all;
        try
        {
            all = await reading.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (reading.Value.IsFaulted)
        {
            _segments.TryRemove(new KeyValuePair<string, Lazy<Task<IReadOnlyList<SegmentSnapshot>>>>(dimension, reading));
            throw;
        }

        return all.Where(row => (from is null || row.Segment.Kpis.Month >= from) && (to is null || row.Segment.Kpis.Month <= to)).ToList();
    }
}
