namespace Pipeline.Application.Clv;

/// <summary>One group's expected payments per future month; none, with the fit's note, when the group cannot be fitted.</summary>
/// <param name="Dimension">The grouping, as on the CLV groups.</param>
/// <param name="Segment">The group's value of the dimension.</param>
/// <param name="PeriodMonths">The billing period in months.</param>
/// <param name="ActiveCustomers">Customers whose tenure runs through <c>asOf</c>: the base the forecast is of.</param>
/// <param name="Note">Why the group has no forecast (its sBG fit's note); null when it has one.</param>
/// <param name="Months">The months after <c>asOf</c>, oldest first; empty without a fit.</param>
public sealed record ClvGroupForecast(
    string Dimension, string Segment, int PeriodMonths, int ActiveCustomers, string? Note, IReadOnlyList<ClvForecastMonth> Months);
