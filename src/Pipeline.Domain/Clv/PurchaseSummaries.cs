namespace Pipeline.Domain.Clv;

/// <summary>Builds each customer's <see cref="PurchaseSummary"/> from dated purchase values (METRICS.md §8).</summary>
/// <remarks>
/// A purchase is a day with at least one purchase line, whatever its amount; the day's value is the sum of its lines.
/// Lines after <c>calibrationEnd</c> are ignored; a customer whose first purchase is after it has no summary.
/// </remarks>
public static class PurchaseSummaries
{
    /// <summary>The days per unit.</summary>
    public static double DaysPer(PurchaseTimeUnit unit) => unit switch
    {
        PurchaseTimeUnit.Day => 1.0,
        PurchaseTimeUnit.Week => 7.0,
        PurchaseTimeUnit.Month => 365.25 / 12.0,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    /// <summary>One summary per customer with a purchase on or before <paramref name="calibrationEnd"/>, ordered by customer id.</summary>
    /// <param name="purchases">Purchase lines: customer, day (in the business time zone) and net value.</param>
    /// <param name="calibrationEnd">The last day of calibration, inclusive.</param>
    /// <param name="unit">The time unit of t_x and T.</param>
    public static IReadOnlyList<PurchaseSummary> From(
        IEnumerable<(string CustomerId, DateOnly Day, decimal Value)> purchases, DateOnly calibrationEnd, PurchaseTimeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var daysPerUnit = DaysPer(unit);
        var byCustomer = new Dictionary<string, SortedDictionary<DateOnly, decimal>>(StringComparer.Ordinal);
        foreach (var (customerId, day, value) in purchases)
        {
            if (day > calibrationEnd)
            {
                continue;
            }

            if (!byCustomer.TryGetValue(customerId, out var days))
            {
                byCustomer[customerId] = days = [];
            }

            days[day] = days.GetValueOrDefault(day) + value;
        }

        var summaries = new List<PurchaseSummary>(byCustomer.Count);
        foreach (var (customerId, days) in byCustomer.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var first = days.Keys.First();
            var last = days.Keys.Last();
            var repeats = days.Count - 1;
            var repeatValue = days.Skip(1).Sum(pair => pair.Value);
            summaries.Add(new PurchaseSummary(
                customerId,
                repeats,
                (last.DayNumber - first.DayNumber) / daysPerUnit,
                (calibrationEnd.DayNumber - first.DayNumber) / daysPerUnit,
                repeats == 0 ? null : repeatValue / repeats));
        }

        return summaries;
    }
}
