namespace Pipeline.Domain.Metrics;

/// <summary>One cell of the cohort table: a cohort (month of the customers' New movement) seen at one month end.</summary>
/// <param name="Cohort">The cohort month.</param>
/// <param name="Month">The month end the cell describes (<c>Cohort + MonthsSinceStart</c>).</param>
/// <param name="ActiveCustomers">Customers of the cohort with MRR &gt; 0 at the month end (reactivated ones count again).</param>
/// <param name="Mrr">The cohort's MRR at the month end, reporting currency.</param>
public sealed record CohortCell(BillingMonth Cohort, BillingMonth Month, int ActiveCustomers, decimal Mrr)
{
    public int MonthsSinceStart => Month.MonthsSince(Cohort);
}
