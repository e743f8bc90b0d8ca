using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>A tenant's close lock, held by one closer until <see cref="ExpiresAt"/> (row <c>_lease</c> of the <c>Closes</c> table).</summary>
/// <param name="Tenant">The tenant whose closes and reopens it serialises.</param>
/// <param name="Holder">Who holds it: a fresh id per close or reopen run.</param>
/// <param name="ExpiresAt">When another closer may take it over (a crashed holder does not block the tenant for long).</param>
/// <param name="ETag">The ETag of the lease row as this holder wrote it: renewing and releasing are conditional on it.</param>
public sealed record CloseLease(TenantId Tenant, string Holder, DateTimeOffset ExpiresAt, string ETag);
