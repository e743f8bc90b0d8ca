using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>The append-only close audit trail (table <c>CloseAudit</c>): closes, reopens with reasons, restatement deltas.</summary>
public interface ICloseAuditLog
{
    /// <summary>Appends an entry (writing the same entry twice keeps one).</summary>
    Task AppendAsync(CloseAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The tenant's entries about <paramref name="month"/> (every month when null), by month then time.</summary>
    Task<IReadOnlyList<CloseAuditEntry>> ListAsync(TenantId tenant, BillingMonth? month, CancellationToken cancellationToken);
}
