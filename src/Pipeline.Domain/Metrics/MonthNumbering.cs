namespace Pipeline.Domain.Metrics;

/// <summary>Numbers billing months consecutively and finds the month that contains an instant.</summary>
/// <remarks>
/// A month number is <c>year × 12 + month − 1</c>, so "the next month" is "+ 1" and a month range is a pair of ints.
/// Month boundaries are taken in the business time zone and cached: converting every line's instants through
/// <see cref="TimeZoneInfo"/> would dominate the cost of indexing a large ledger. Instants outside the years
/// <see cref="BillingMonth"/> supports map to one month before the first or one after the last supported month.
/// Not thread-safe; it is used only while an engine is being built.
/// <para>
/// With a horizon (the latest instant the tenant's data covers), the month containing it ends at the horizon instead
/// of at <c>T_m</c>: an instant after the horizon maps to the next month, so that month is measured at the horizon
/// (what counts at <c>T_m</c> is what counts at the horizon) and only the months after it see what the horizon cut.
/// </para>
/// </remarks>
internal sealed class MonthNumbering(TimeZoneInfo timeZone, DateTimeOffset? horizon = null)
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
        var ticks = instant.UtcTicks;
        var number = ticks < Boundaries(guess).Start ? guess - 1 : guess;

        // Once past the guess at most, or twice when a horizon shortened the month in between.
        while (ticks > Boundaries(number).End)
        {
            number++;
        }

        return number;
    }

    private (long Start, long End) Boundaries(int number)
    {
        if (!_boundaries.TryGetValue(number, out var boundaries))
        {
            var month = new BillingMonth(number / 12, (number % 12) + 1);
            boundaries = (month.StartInstant(timeZone).UtcTicks, month.EndInstant(timeZone).UtcTicks);
            if (horizon is { UtcTicks: var cut } && cut >= boundaries.Start && cut < boundaries.End)
            {
                boundaries.End = cut;
            }

            _boundaries[number] = boundaries;
        }

        return boundaries;
    }
}
