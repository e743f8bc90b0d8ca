using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Clv;

/// <summary>Which revenue lines are purchases of non-contractual revenue, on which day, for how much (METRICS.md §8).</summary>
/// <remarks>
/// A purchase line is a one-time or usage line on a document that counts (not void, draft or canceled: METRICS.md §1,
/// Documents), whatever its amount. Its day is the day its service starts in the business time zone (a one-time
/// charge's date); its value is its net amount (amount − discount, tax excluded) in the reporting currency at the
/// month-end rate of that day's month, as MRR is converted. <see cref="PurchaseSummaries"/> turns the days into histories.
/// </remarks>
public static class PurchaseLines
{
    /// <summary>Whether <paramref name="line"/> is a purchase line.</summary>
    public static bool IsPurchase(RevenueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.LineType is LineType.OneTime or LineType.Usage
            && line.Status is not (DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled);
    }

    /// <summary>The purchase day of <paramref name="line"/> in <paramref name="timeZone"/>.</summary>
    public static DateOnly Day(RevenueLine line, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(line);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(line.ServiceStart, timeZone).DateTime);
    }

    /// <summary>The net value of <paramref name="line"/> in <paramref name="currency"/>, converted at the month-end rate of <paramref name="day"/>'s month.</summary>
    /// <exception cref="MissingExchangeRateException">The line's currency has no rate to <paramref name="currency"/> by that month's end.</exception>
    public static decimal Value(RevenueLine line, DateOnly day, ExchangeRateTable rates, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(rates);
        return line.Currency == currency ? line.Net : line.Net * rates.RateAt(line.Currency, currency, BillingMonth.FromDate(day));
    }
}
