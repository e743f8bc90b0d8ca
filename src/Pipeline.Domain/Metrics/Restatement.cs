namespace Pipeline.Domain.Metrics;

/// <summary>What late data changed in a locked month: its MRR at the month end as locked and as the ledger gives it now.</summary>
/// <param name="LockedMonth">The closed month whose locked snapshot the next month is computed against.</param>
/// <param name="LockedVersion">The close version of that snapshot.</param>
/// <param name="LockedMrr">Σ of the locked snapshot's MRR (the closed figure).</param>
/// <param name="RestatedMrr">Σ of the customers' MRR at the same month end from the current ledger.</param>
/// <param name="LateCustomers">Each customer whose MRR differs, with the effective date of the change (<see cref="LateData"/>).</param>
public sealed record Restatement(
    BillingMonth LockedMonth,
    int LockedVersion,
    decimal LockedMrr,
    decimal RestatedMrr,
    IReadOnlyDictionary<string, DateOnly> LateCustomers)
{
    /// <summary>The restatement delta: restated − locked (METRICS.md Ex15: 70 − 100 = −30).</summary>
    public decimal Delta => RestatedMrr - LockedMrr;

    /// <summary>True when late data changed at least one customer of the locked month.</summary>
    public bool HasLateData => LateCustomers.Count > 0;
}
