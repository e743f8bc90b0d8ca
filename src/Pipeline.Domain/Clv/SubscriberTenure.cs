namespace Pipeline.Domain.Clv;

/// <summary>One subscriber's paid tenure, the unit the sBG renewal data is built from (METRICS.md §8).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Start">The month of the customer's first recurring line (its cohort).</param>
/// <param name="PeriodMonths">The billing period in months (1 month, 3 quarter, 12 year): a customer churns only at a renewal.</param>
/// <param name="FirstUnpaidMonth">
/// The first month after <see cref="Start"/> whose end finds the customer without MRR (the lifetime ends there, even if
/// the customer comes back later); null while the customer has paid at every month end so far.
/// </param>
public sealed record SubscriberTenure(string CustomerId, BillingMonth Start, int PeriodMonths, BillingMonth? FirstUnpaidMonth);
