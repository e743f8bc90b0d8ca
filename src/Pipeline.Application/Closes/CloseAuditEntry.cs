using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>One entry of a tenant's close audit trail (append-only).</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Month">The month the entry is about.</param>
/// <param name="Kind">What happened: <c>closed</c>, <c>reopened</c>, <c>restatement</c> (late data for a locked month).</param>
/// <param name="Version">The close version concerned.</param>
/// <param name="At">When it happened.</param>
/// <param name="By">Who did it (<c>schedule</c>, a user, the CLI).</param>
/// <param name="Reason">For a reopen: the reason given; for a restatement: which month's close detected it.</param>
/// <param name="MrrDelta">For a restatement: the locked month's would-be MRR change; else null.</param>
public sealed record CloseAuditEntry(
    TenantId Tenant,
    BillingMonth Month,
    string Kind,
    int Version,
    DateTimeOffset At,
    string By,
    string? Reason = null,
    decimal? MrrDelta = null);
