using Pipeline.Domain;

namespace Pipeline.Application;

/// <summary>When a tenant's months end and become due for close: its business time zone and close lag.</summary>
/// <remarks>
/// The default comes from <c>Pipeline:BusinessTimeZone</c> and <c>Pipeline:CloseLagDays</c>; a tenant may override
/// either under <c>Pipeline:Tenants:{tenant}</c> (see <see cref="TenantSettings.For"/>). The override governs when
/// the tenant's months are due and ended for close; the metrics themselves still take month boundaries in the
/// default business time zone.
/// </remarks>
public sealed class TenantCalendar
{
    public TenantCalendar(TimeZoneInfo businessTimeZone, int closeLagDays)
    {
        ArgumentNullException.ThrowIfNull(businessTimeZone);
        ArgumentOutOfRangeException.ThrowIfNegative(closeLagDays);
        BusinessTimeZone = businessTimeZone;
        CloseLagDays = closeLagDays;
    }

    public TimeZoneInfo BusinessTimeZone { get; }

    /// <summary>A month is due for close this many days after its end.</summary>
    public int CloseLagDays { get; }

    /// <summary>The IANA id of the business time zone.</summary>
    public string TimeZoneId => BusinessTimeZone.Id;

    /// <summary>The month containing <paramref name="now"/> in the business time zone.</summary>
    public BillingMonth CurrentMonth(DateTimeOffset now) => BillingMonth.Containing(now, BusinessTimeZone);

    /// <summary>Whether <paramref name="month"/> has ended at <paramref name="now"/> (its last instant has passed).</summary>
    public bool HasEnded(BillingMonth month, DateTimeOffset now) => month.EndInstant(BusinessTimeZone) < now;

    /// <summary>When <paramref name="month"/> becomes due: <see cref="CloseLagDays"/> days after its end.</summary>
    public DateTimeOffset DueAt(BillingMonth month) => month.Next().StartInstant(BusinessTimeZone).AddDays(CloseLagDays);

    /// <summary>The latest month that is due for close at <paramref name="now"/>: ended at least <see cref="CloseLagDays"/> days ago.</summary>
    public BillingMonth LatestDueMonth(DateTimeOffset now)
    {
        var month = CurrentMonth(now).Previous();
        while (DueAt(month) > now)
        {
            month = month.Previous();
        }

        return month;
    }
}
