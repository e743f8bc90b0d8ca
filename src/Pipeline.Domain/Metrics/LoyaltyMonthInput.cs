namespace Pipeline.Domain.Metrics;

/// <summary>What one month's loyalty figures are computed from: the responses that count and the snapshots around them.</summary>
/// <remarks>
/// The caller decides which responses count: for a closed month those in the ledger when it was closed, for the first
/// open month also the late ones (METRICS.md §6). Snapshots are per-customer month ends: the locked snapshot of a closed
/// month, the computed one of an open month.
/// </remarks>
public sealed record LoyaltyMonthInput
{
    public required BillingMonth Month { get; init; }

    /// <summary>The time zone month boundaries are taken in.</summary>
    public TimeZoneInfo BusinessTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// Every response that counts, in ledger order (a later one with the same instant wins): those given in the month
    /// count for it, those given in the twelve months through it for <c>nps12</c>; others are ignored.
    /// </summary>
    public IReadOnlyList<SurveyResponse> Responses { get; init; } = [];

    /// <summary>Responses given in a locked month that arrived after its close: they count in this month, flagged late.</summary>
    public IReadOnlyList<SurveyResponse> LateResponses { get; init; } = [];

    /// <summary>Every customer's state at the month's end (MRR, cohort, attributes).</summary>
    public IReadOnlyList<CustomerMonthEnd> Closing { get; init; } = [];

    /// <summary>The locked snapshots of the closed months right after the month, in order (m+1, m+2, …), as far as they are closed.</summary>
    public IReadOnlyList<IReadOnlyList<CustomerMonthEnd>> Following { get; init; } = [];
}
