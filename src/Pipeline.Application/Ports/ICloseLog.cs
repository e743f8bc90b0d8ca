using Pipeline.Application.Closes;
using Pipeline.Domain;

namespace Pipeline.Application.Ports;

/// <summary>The <c>Closes</c> table: which months of a tenant are closed, when, by whom, from which inputs.</summary>
public interface ICloseLog
{
    Task<CloseRecord?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken);

    /// <summary>Every close record of the tenant, oldest month first.</summary>
    Task<IReadOnlyList<CloseRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the record.</summary>
    Task SaveAsync(CloseRecord record, CancellationToken cancellationToken);
}
