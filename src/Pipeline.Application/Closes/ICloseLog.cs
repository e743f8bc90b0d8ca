using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>The <c>Closes</c> table: which months of a tenant are closed, when, by whom, from which inputs; and the tenant's close lease.</summary>
/// <remarks>
/// There is one record per month and close version. A version is written once (<see cref="TryAddAsync"/>, insert-only),
/// so two closers can never both write version n of a month; a reopen only changes the status of the latest
/// version's record. Closes and reopens of one tenant take its lease first (optimistic concurrency on the lease row's
/// ETag), so they never interleave.
/// </remarks>
public interface ICloseLog
{
    /// <summary>The month's latest version record, or null when the month was never closed.</summary>
    Task<CloseRecord?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken);

    /// <summary>The latest version record of every month of the tenant, oldest month first.</summary>
    Task<IReadOnlyList<CloseRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Every version record of one month, oldest version first.</summary>
    Task<IReadOnlyList<CloseRecord>> ListVersionsAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the record of its month and version (a reopen changes the status this way).</summary>
    Task SaveAsync(CloseRecord record, CancellationToken cancellationToken);

    /// <summary>Inserts the record of a new version; false, writing nothing, when that version of the month exists.</summary>
    Task<bool> TryAddAsync(CloseRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the tenant's close lease for <paramref name="holder"/> until <paramref name="now"/> + <paramref name="duration"/>:
    /// inserted when there is none, taken over when it expired (or is already this holder's), conditional on the
    /// ETag read. Null when another holder has it or won the race for it.
    /// </summary>
    Task<CloseLease?> TryAcquireLeaseAsync(
        TenantId tenant, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends a held lease (If-Match on its ETag); null when it was lost to another holder meanwhile.</summary>
    Task<CloseLease?> TryRenewLeaseAsync(CloseLease lease, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (If-Match on its ETag); does nothing when another holder has taken it over.</summary>
    Task ReleaseLeaseAsync(CloseLease lease, CancellationToken cancellationToken);

    /// <summary>The tenant's lease as stored (expired or not), or null when nobody holds it.</summary>
    Task<CloseLease?> FindLeaseAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the lease an operator decided to break (If-Match on <paramref name="lease"/>'s ETag, as read with
    /// <see cref="FindLeaseAsync"/>); false when it was released, renewed or taken over meanwhile.
    /// </summary>
    Task<bool> TryBreakLeaseAsync(CloseLease lease, CancellationToken cancellationToken);
}
