using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Ledger;

/// <summary>The MRR engines built over one ledger's lines, kept with the ledger (<see cref="TenantLedger.Revenue"/>).</summary>
/// <remarks>
/// An engine is a function of the lines, the metric settings and the instant it measures at (a month end's or the
/// data horizon), and nothing changes it once built, so every run over the same ledger can share it: the close that
/// follows an ingest finds the engine the ingest's provisional refresh built, and a CLV read after a close finds the
/// close's. At most <see cref="MaxKept"/> are kept (a ledger is measured at month ends and at its data horizon); the
/// oldest goes first. Concurrent callers of one engine wait for one build; a build that fails is not kept.
/// </remarks>
internal sealed class RevenueEngines
{
    /// <summary>How many engines are kept: month ends and the data horizon.</summary>
    public const int MaxKept = 2;

    private readonly Lock _gate = new();
    private readonly List<Kept> _built = [];

    public MonthlyRecurringRevenue Get(LedgerLines lines, MetricSettings metrics, DateTimeOffset? horizon) =>
        Built(Entry(lines, metrics, horizon));

    /// <summary>Starts building the engine on the thread pool unless it is built or being built; a later <see cref="Get"/> waits for it.</summary>
    public Task Prepare(LedgerLines lines, MetricSettings metrics, DateTimeOffset? horizon)
    {
        var engine = Entry(lines, metrics, horizon);
        return engine.IsValueCreated ? Task.CompletedTask : Task.Run(() => Built(engine));
    }

    private MonthlyRecurringRevenue Built(Lazy<MonthlyRecurringRevenue> engine)
    {
        try
        {
            return engine.Value;
        }
        catch
        {
            lock (_gate)
            {
                _built.RemoveAll(entry => ReferenceEquals(entry.Engine, engine));
            }

            throw;
        }
    }

    private Lazy<MonthlyRecurringRevenue> Entry(LedgerLines lines, MetricSettings metrics, DateTimeOffset? horizon)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(metrics);
        Lazy<MonthlyRecurringRevenue> engine;
        lock (_gate)
        {
            var index = _built.FindIndex(entry => entry.Matches(lines, metrics, horizon));
            if (index >= 0)
            {
                engine = _built[index].Engine;
            }
            else
            {
                engine = new Lazy<MonthlyRecurringRevenue>(() => new MonthlyRecurringRevenue(lines, metrics, horizon), LazyThreadSafetyMode.ExecutionAndPublication);
                if (_built.Count == MaxKept)
                {
                    _built.RemoveAt(0);
                }

                _built.Add(new Kept(lines, metrics, horizon, engine));
            }
        }

        return engine;
    }

    /// <summary>How many engines are kept now (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _built.Count;
            }
        }
    }

    private sealed record Kept(LedgerLines Lines, MetricSettings Metrics, DateTimeOffset? Horizon, Lazy<MonthlyRecurringRevenue> Engine)
    {
        public bool Matches(LedgerLines lines, MetricSettings metrics, DateTimeOffset? horizon) =>
            ReferenceEquals(Lines, lines) && Metrics == metrics && Horizon == horizon;
    }
}
