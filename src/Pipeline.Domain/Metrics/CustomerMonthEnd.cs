namespace Pipeline.Domain.Metrics;

/// <summary>One customer's state at a month's end <c>T_m</c>: the row of a locked per-customer snapshot.</summary>
/// <param name="CustomerId">The source customer id.</param>
/// <param name="Mrr">MRR at <c>T_m</c> in the reporting currency at the month-end rate, full precision.</param>
/// <param name="EverPaid">True once the customer has had MRR &gt; 0 at this or any earlier month end (tells Reactivation from New).</param>
/// <remarks>
/// The snapshot keeps what the next month's movements and segments need without going back to the ledger: the
/// native-currency parts (FX impact is computed from them), the cohort, and the customer's attributes as they were.
/// </remarks>
public sealed record CustomerMonthEnd(string CustomerId, decimal Mrr, bool EverPaid)
{
    /// <summary>MRR by plan, product and native currency; empty when the customer has no MRR.</summary>
    public IReadOnlyList<MrrPart> Parts { get; init; } = [];

    /// <summary>The month of the customer's New movement; null before the customer ever paid.</summary>
    public BillingMonth? CohortMonth { get; init; }

    /// <summary>The customer's name as the customers file gives it (for the movement drill-down).</summary>
    public string? Name { get; init; }

    public string? Country { get; init; }

    public string? Channel { get; init; }

    public string? Segment { get; init; }
}
