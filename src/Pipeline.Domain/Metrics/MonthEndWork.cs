namespace Pipeline.Domain.Metrics;

/// <summary>What every slice of one month end's computation shares: the month, the engine, its month activity and the context.</summary>
/// <param name="Month">The month being closed.</param>
/// <param name="Revenue">The MRR engine.</param>
/// <param name="Activity">The engine's customers and parts at <c>T_m</c>.</param>
/// <param name="Context">Rates, customer attributes and bands.</param>
/// <param name="ParallelThreshold">Rows below which the month is closed on one thread.</param>
internal sealed record MonthEndWork(
    BillingMonth Month, MonthlyRecurringRevenue Revenue, MonthActivity Activity, MonthEndContext Context, int ParallelThreshold)
{
    /// <summary>A builder for one slice; each has its own rate cache and tallies, so slices run on separate threads.</summary>
    public MonthEndBuilder Builder(int expectedCustomers) => new(Month, Revenue, Activity, Context, expectedCustomers);
}
