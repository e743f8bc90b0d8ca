using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Ledger;

/// <summary>Everything a tenant's accepted imports put in the ledger, in source order, with what it was read from.</summary>
/// <param name="Lines">
/// Revenue lines, ordered by import (received time, then id) and then by row, with the latest invoice status and full
/// refunds applied (<see cref="LedgerMerge"/>).
/// </param>
/// <param name="Customers">Customer master data, later imports updating earlier ones.</param>
/// <param name="ImportIds">The accepted imports read, in the order above.</param>
/// <param name="InputsFingerprint">SHA-256 of the import ids: which files a figure was computed from.</param>
/// <param name="FirstMonth">The earliest month any line starts in; null when the tenant has no revenue lines.</param>
public sealed record TenantLedger(
    LedgerLines Lines,
    IReadOnlyDictionary<string, CustomerRecord> Customers,
    IReadOnlyList<string> ImportIds,
    string InputsFingerprint,
    BillingMonth? FirstMonth)
{
    /// <summary>Spend rows, a later import replacing an earlier row with the same key (day or month, channel, campaign).</summary>
    public IReadOnlyList<SpendRecord> Spend { get; init; } = [];

    /// <summary>Payments, refunds and credits, in import order.</summary>
    public IReadOnlyList<MoneyMovement> Movements { get; init; } = [];

    /// <summary>Invoice status records, a later import replacing an earlier record of the same invoice.</summary>
    public IReadOnlyList<InvoiceDocument> Documents { get; init; } = [];

    /// <summary>The latest instant the tenant's revenue exports cover (<see cref="Domain.DataHorizon"/>); null without revenue lines.</summary>
    public DateTimeOffset? DataHorizon { get; init; }

    /// <summary>Survey answers, a later import replacing an earlier response with the same key (customer, survey, response time).</summary>
    public IReadOnlyList<SurveyResponse> Responses { get; init; } = [];

    /// <summary>Exchange rates in import order (for one pair and day, the later import wins).</summary>
    public IReadOnlyList<ExchangeRate> Rates { get; init; } = [];

    /// <summary>The engines built over <see cref="Lines"/> so far (shared by a copy made with <c>with</c>; each is keyed by the lines it was built over).</summary>
    private RevenueEngines Engines { get; } = new();

    /// <summary>
    /// The MRR engine over <see cref="Lines"/> with <paramref name="metrics"/>, measuring at month ends (no
    /// <paramref name="horizon"/>) or at <paramref name="horizon"/>: built on first use and kept with the ledger, so every
    /// run over this ledger (an ingest's refresh, the close after it, the refresh after that) builds it once.
    /// </summary>
    public MonthlyRecurringRevenue Revenue(MetricSettings metrics, DateTimeOffset? horizon = null) => Engines.Get(Lines, metrics, horizon);

    /// <summary>
    /// Starts building the month-end engine (<see cref="Revenue"/> without a horizon) on the thread pool, for a ledger that
    /// is kept: a refresh measures the open months at the data horizon with the other engine, and the close or CLV read
    /// that follows finds this one built, or waits for the build under way.
    /// </summary>
    internal Task PrepareMonthEnds(MetricSettings metrics) => Engines.Prepare(Lines, metrics, horizon: null);

    /// <summary>How many engines the ledger keeps now (for tests).</summary>
    internal int EnginesKept => Engines.Count;
}
