using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>A tenant with months due for close, and the latest of them: what one scheduled close of the tenant closes through.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Through">
/// The tenant's latest due month (<see cref="TenantCalendar.LatestDueMonth"/>); closing through it closes every open
/// month before it too, oldest first.
/// </param>
public sealed record DueClose(TenantId Tenant, BillingMonth Through);
