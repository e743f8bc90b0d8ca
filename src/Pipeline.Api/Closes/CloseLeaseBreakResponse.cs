namespace Pipeline.Api.Closes;

/// <summary>The answer to breaking a tenant's close lease: whose lease it was, and the audit entry written for it.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="HeldBy">Who held the lease (who closed, host, process and run).</param>
/// <param name="HeldSince">When that closer took it.</param>
/// <param name="LeaseUntil">Until when it would have held.</param>
/// <param name="Reason">The reason given for breaking it.</param>
/// <param name="BrokenBy">Who broke it.</param>
/// <param name="AuditMonth">The month (<c>yyyy-MM</c>) whose audit trail records the break: the first month not closed.</param>
public sealed record CloseLeaseBreakResponse(
    string Tenant, string HeldBy, DateTimeOffset HeldSince, DateTimeOffset LeaseUntil, string Reason, string BrokenBy, string AuditMonth);
