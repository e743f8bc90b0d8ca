using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>Everything ops and finance need to know about one month's close (<c>GET /closes/{month}</c>, <c>pipeline status</c>).</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Month">The month.</param>
/// <param name="Status">Open (never closed), Closed, or Reopened (closed before, open again until re-closed).</param>
/// <param name="Version">The current version: the closed version, or the version a re-close will write.</param>
/// <param name="Current">The current close record, null when the month was never closed.</param>
/// <param name="Versions">Every close version of the month, oldest first (each stays readable with <c>?version=</c>).</param>
/// <param name="PendingRestatementDelta">
/// For a closed month: MRR at its end as the ledger says now minus the locked MRR (late data that has arrived since
/// the close, in the reporting currency); null when the month is not closed or nothing changed.
/// </param>
/// <param name="Audit">The month's audit trail: closes, reopens with reasons, restatement deltas, oldest first.</param>
public sealed record MonthCloseState(
    TenantId Tenant,
    BillingMonth Month,
    CloseStatus Status,
    int Version,
    CloseRecord? Current,
    IReadOnlyList<CloseRecord> Versions,
    decimal? PendingRestatementDelta,
    IReadOnlyList<CloseAuditEntry> Audit);
