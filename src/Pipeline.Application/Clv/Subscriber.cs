using Pipeline.Domain;
using Pipeline.Domain.Clv;

namespace Pipeline.Application.Clv;

/// <summary>One subscriber as the contractual CLV figures see it at the end of <c>asOf</c> (METRICS.md §8).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Start">The month of its first recurring line that can count: its cohort.</param>
/// <param name="PeriodMonths">The billing period of that line in months (weekly and daily billing count as monthly).</param>
/// <param name="FirstLine">That line: the plan, product and currency the customer was acquired on.</param>
/// <param name="FirstUnpaidMonth">The first month end after <see cref="Start"/> without MRR, up to <c>asOf</c>; null while the tenure runs.</param>
/// <param name="MrrAtStart">MRR at the end of <see cref="Start"/> (reporting currency).</param>
/// <param name="MrrAtAsOf">MRR at the end of <c>asOf</c> (reporting currency).</param>
public sealed record Subscriber(
    string CustomerId, BillingMonth Start, int PeriodMonths, RevenueLine FirstLine, BillingMonth? FirstUnpaidMonth,
    decimal MrrAtStart, decimal MrrAtAsOf)
{
    /// <summary>Whether the tenure runs through <c>asOf</c>: paid at every month end since the start.</summary>
    public bool IsActive => FirstUnpaidMonth is null;

    /// <summary>Renewals made by the end of <paramref name="asOf"/>: the t-th falls in month Start + t·k; a tenure that ended made those before its first unpaid month.</summary>
    public int Renewals(BillingMonth asOf) => FirstUnpaidMonth is { } unpaid
        ? (unpaid.MonthsSince(Start) - 1) / PeriodMonths
        : asOf.MonthsSince(Start) / PeriodMonths;

    /// <summary>Months with MRR at the month end since the start: through <c>asOf</c> while active, else up to the first unpaid month.</summary>
    public int TenureMonths(BillingMonth asOf) => (FirstUnpaidMonth ?? asOf.Next()).MonthsSince(Start);

    /// <summary>Per-period value = MRR at <c>asOf</c> × months per period × gross margin (METRICS.md §8).</summary>
    public decimal PerPeriodValue(decimal grossMargin) => MrrAtAsOf * PeriodMonths * grossMargin;

    /// <summary>The tenure the renewal cohorts are built from.</summary>
    public SubscriberTenure ToTenure() => new(CustomerId, Start, PeriodMonths, FirstUnpaidMonth);
}
