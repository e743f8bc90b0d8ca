using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Ingestion;

namespace Pipeline.Application;

/// <summary>A tenant's calendar: its business time zone (month boundaries of every figure), close lag, and parse settings.</summary>
/// <remarks>
/// The default comes from <c>Pipeline:BusinessTimeZone</c> and <c>Pipeline:CloseLagDays</c>; a tenant may override
/// either under <c>Pipeline:Tenants:{tenant}</c> (see <see cref="TenantSettings.For"/>). The override governs
/// everything about the tenant's months: where its figures put month ends (<see cref="Metrics"/>), how dates without
/// a time in its files are read (<see cref="Parsing"/>), and when its months are ended and due for close.
/// </remarks>
public sealed class TenantCalendar
{
    public TenantCalendar(MetricSettings metrics, ExportParseOptions parsing, int closeLagDays)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parsing);
        ArgumentOutOfRangeException.ThrowIfNegative(closeLagDays);
        Metrics = metrics;
        Parsing = parsing;
        CloseLagDays = closeLagDays;
    }

    /// <summary>The settings the tenant's figures are computed with (its business time zone).</summary>
    public MetricSettings Metrics { get; }

    /// <summary>How the tenant's files are read (dates without a time are 00:00 in its business time zone).</summary>
    public ExportParseOptions Parsing { get; }

    public TimeZoneInfo BusinessTimeZone => Metrics.BusinessTimeZone;

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
