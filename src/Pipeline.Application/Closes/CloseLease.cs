using System.Globalization;
using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>A tenant's close lock, held by one closer until <see cref="ExpiresAt"/> (row <c>_lease</c> of the <c>Closes</c> table).</summary>
/// <param name="Tenant">The tenant whose closes and reopens it serialises.</param>
/// <param name="Holder">
/// Who holds it: who closes, on which host and process, and a fresh run id per close or reopen
/// (<see cref="LeaseHolder.New"/>), so a busy message can say whom to look for.
/// </param>
/// <param name="ExpiresAt">When another closer may take it over (a crashed holder does not block the tenant for long).</param>
/// <param name="ETag">The ETag of the lease row as this holder wrote it: renewing, releasing and breaking are conditional on it.</param>
/// <param name="AcquiredAt">When the holder took it (renewals keep it).</param>
public sealed record CloseLease(TenantId Tenant, string Holder, DateTimeOffset ExpiresAt, string ETag, DateTimeOffset AcquiredAt)
{
    /// <summary>Who holds it, since when and until when, in UTC, for messages: <c>ops on web01 (…), run 1a2b3c4d since 2025-08-10 09:00:00Z, until 09:05:00Z</c>.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture, $"{Holder} since {AcquiredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, until {ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
}
