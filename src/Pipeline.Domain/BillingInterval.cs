namespace Pipeline.Domain;

/// <summary>How often a recurring line bills: a unit and a count ("every 3 months").</summary>
/// <remarks>
/// Monthly normalisation (METRICS.md §1): month ÷ count; year ÷ (12 × count); week × 52/12 ÷ count;
/// day × 365/12 ÷ count. Weeks are never ×4.
/// </remarks>
public readonly record struct BillingInterval
{
    public BillingInterval(IntervalUnit unit, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Unit = unit;
        Count = count;
    }

    public IntervalUnit Unit { get; }

    public int Count { get; }

    public static BillingInterval Monthly => new(IntervalUnit.Month, 1);

    /// <summary>Converts an amount billed once per interval into its monthly equivalent, at full precision.</summary>
    public decimal ToMonthly(decimal amountPerInterval) => Unit switch
    {
        IntervalUnit.Month => amountPerInterval / Count,
        IntervalUnit.Year => amountPerInterval / (12m * Count),
        IntervalUnit.Week => amountPerInterval * 52m / 12m / Count,
        IntervalUnit.Day => amountPerInterval * 365m / 12m / Count,
        _ => throw new InvalidOperationException($"Unknown interval unit {Unit}."),
    };

    /// <summary>The local date-time one interval before <paramref name="end"/> (calendar arithmetic).</summary>
    public DateTime SubtractFrom(DateTime end) => Unit switch
    {
        IntervalUnit.Month => end.AddMonths(-Count),
        IntervalUnit.Year => end.AddYears(-Count),
        IntervalUnit.Week => end.AddDays(-7 * Count),
        IntervalUnit.Day => end.AddDays(-Count),
        _ => throw new InvalidOperationException($"Unknown interval unit {Unit}."),
    };

    /// <summary>Infers the interval from a service period: a whole number of calendar months, or of weeks.</summary>
    /// <remarks>
    /// Compared as wall-clock times in the business time zone, so a DST change inside the period does not matter.
    /// Twelve months infer as one year (the same monthly amount either way). Anything else cannot be inferred.
    /// </remarks>
    public static bool TryInfer(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo timeZone, out BillingInterval interval)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        interval = default;
        var localStart = TimeZoneInfo.ConvertTime(start, timeZone).DateTime;
        var localEnd = TimeZoneInfo.ConvertTime(end, timeZone).DateTime;
        if (localEnd <= localStart)
        {
            return false;
        }

        for (var months = 1; months <= 120; months++)
        {
            var candidate = localStart.AddMonths(months);
            if (candidate == localEnd)
            {
                interval = months % 12 == 0 ? new(IntervalUnit.Year, months / 12) : new(IntervalUnit.Month, months);
                return true;
            }

            if (candidate > localEnd)
            {
                break;
            }
        }

        var span = localEnd - localStart;
        if (span.Ticks % TimeSpan.TicksPerDay == 0 && span.Days % 7 == 0)
        {
            interval = new(IntervalUnit.Week, span.Days / 7);
            return true;
        }

        return false;
    }

    public override string ToString() => Count == 1
        ? Unit.ToString().ToLowerInvariant()
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Count} {Unit.ToString().ToLowerInvariant()}s");
}
