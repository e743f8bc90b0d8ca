using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>The result of breaking a tenant's close lease (<see cref="MonthCloseService.BreakLeaseAsync"/>).</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Lease">The lease that was broken, or that was found changed; null when none was held.</param>
/// <param name="AuditMonth">The month whose audit trail records the break; null unless broken.</param>
/// <param name="Message">A sentence for the caller.</param>
public sealed record CloseLeaseBreak(CloseLeaseBreakKind Kind, CloseLease? Lease, BillingMonth? AuditMonth, string Message);
