using Pipeline.Domain;

namespace Pipeline.Application;

/// <summary>When a tenant's months end and become due for close: its business time zone and close lag.</summary>
/// <remarks>
/// The default comes from <c>Pipeline:BusinessTimeZone</c> and <c>Pipeline:CloseLagDays</c>; a tenant may override
/// either under <c>Pipeline:Tenants:{tenant}</c> (see <see cref="TenantSettings.For"/>). The override governs when
/// the tenant's months are due and ended for close; the figures themselves still take month boundaries in the
/// default business time zone, so a month also has to have ended there (<c>figuresTimeZone</c>) before it counts as
/// ended or due: a close never runs before the last instant its figures cover.
/// </remarks>
public sealed class TenantCalendar
{
    private readonly TimeZoneInfo? _figuresTimeZone;

    public TenantCalendar(TimeZoneInfo businessTimeZone, int closeLagDays, TimeZoneInfo? figuresTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(businessTimeZone);
        ArgumentOutOfRangeException.ThrowIfNegative(closeLagDays);
        BusinessTimeZone = businessTimeZone;
        CloseLagDays = closeLagDays;
        _figuresTimeZone = figuresTimeZone;
    }

    public TimeZoneInfo BusinessTimeZone { get; }

    /// <summary>A month is due for close this many days after its end.</summary>
    public int CloseLagDays { get; }

    /// <summary>The IANA id of the business time zone.</summary>
    public string TimeZoneId => BusinessTimeZone.Id;

    /// <summary>The month containing <paramref name="now"/> in the business time zone.</summary>
    public BillingMonth CurrentMonth(DateTimeOffset now) => BillingMonth.Containing(now, BusinessTimeZone);

    /// <summary>Whether <paramref name="month"/> has ended at <paramref name="now"/> (its last instant has passed).</summary>
    public bool HasEnded(BillingMonth month, DateTimeOffset now) =>
        month.EndInstant(BusinessTimeZone) < now && (_figuresTimeZone is null || month.EndInstant(_figuresTimeZone) < now);

    /// <summary>When <paramref name="month"/> becomes due: <see cref="CloseLagDays"/> days after its end (and not before its figures end).</summary>
    public DateTimeOffset DueAt(BillingMonth month)
    {
        var due = month.Next().StartInstant(BusinessTimeZone).AddDays(CloseLagDays);
        var figuresEnd = _figuresTimeZone is null ? due : month.Next().StartInstant(_figuresTimeZone);
        return figuresEnd > due ? figuresEnd : due;
    }

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
