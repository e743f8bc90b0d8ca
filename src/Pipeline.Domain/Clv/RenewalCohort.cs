namespace Pipeline.Domain.Clv;

/// <summary>A cohort of subscribers who started in the same month on the same billing period, with its survivor counts.</summary>
/// <param name="Start">The cohort month.</param>
/// <param name="PeriodMonths">The billing period in months.</param>
/// <param name="Survivors">Customers alive after 0, 1, 2, … observed renewals.</param>
public sealed record RenewalCohort(BillingMonth Start, int PeriodMonths, RetentionCohort Survivors);
