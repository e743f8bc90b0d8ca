namespace Pipeline.Domain.Metrics;

/// <summary>Numbers billing months consecutively and finds the month that contains an instant.</summary>
/// <remarks>
/// A month number is <c>year × 12 + month − 1</c>, so "the next month" is "+ 1" and a month range is a pair of ints.
/// Month boundaries are taken in the business time zone and cached: converting every line's instants through
/// <see cref="TimeZoneInfo"/> would dominate the cost of indexing a large ledger. Instants outside the years
/// <see cref="BillingMonth"/> supports map to one month before the first or one after the last supported month.
/// Not thread-safe; it is used only while an engine is being built.
/// </remarks>
internal sealed class MonthNumbering(TimeZoneInfo timeZone)
{
    private static readonly int FirstNumber = Of(new BillingMonth(1900, 1));
    private static readonly int LastNumber = Of(new BillingMonth(9998, 12));

    private readonly Dictionary<int, (long Start, long End)> _boundaries = [];

    public static int Of(BillingMonth month) => (month.Year * 12) + month.Month - 1;

    /// <summary>The number of the month whose span <c>[start, T_m]</c> contains <paramref name="instant"/>.</summary>
    /// <remarks>Equivalently: the first month m with <c>instant ≤ T_m</c>.</remarks>
    public int Containing(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var guess = Math.Clamp((utc.Year * 12) + utc.Month - 1, FirstNumber, LastNumber);
        var (start, end) = Boundaries(guess);
        var ticks = instant.UtcTicks;
        if (ticks < start)
        {
            return guess - 1;
        }

        return ticks > end ? guess + 1 : guess;
    }

    private (long Start, long End) Boundaries(int number)
    {
        if (!_boundaries.TryGetValue(number, out var boundaries))
        {
            var month = new BillingMonth(number / 12, (number % 12) + 1);
            boundaries = (month.StartInstant(timeZone).UtcTicks, month.EndInstant(timeZone).UtcTicks);
            _boundaries[number] = boundaries;
        }

        return boundaries;
    }
}
