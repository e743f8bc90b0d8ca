using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Clv;

/// <summary>What each customer has been billed so far: the revenue to date on the customer value card.</summary>
/// <remarks>
/// Σ net amounts (amount − discount, tax excluded) of every line of any type whose service starts by
/// <c>end</c>, on a document that counts (not void, draft or canceled, METRICS.md §1) and not fully refunded (a refund
/// gives the money back), in the reporting currency at the month-end rate of the line's start month, as MRR is
/// converted. Negative lines (credits) reduce it. Revenue, not margin: no gross margin is applied.
/// </remarks>
public static class RevenueToDate
{
    /// <summary>Each customer's revenue to date; customers without a counting line are absent.</summary>
    /// <exception cref="MissingExchangeRateException">A line in another currency has no rate for its start month's end.</exception>
    public static IReadOnlyDictionary<string, decimal> ByCustomer(
        IEnumerable<RevenueLine> lines, DateTimeOffset end, TimeZoneInfo timeZone, ExchangeRateTable rates, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(rates);
        var revenue = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.ServiceStart > end
                || line.Status is DocumentStatus.Void or DocumentStatus.Draft or DocumentStatus.Canceled or DocumentStatus.Refunded)
            {
                continue;
            }

            var rate = line.Currency == currency ? 1m : rates.RateAt(line.Currency, currency, BillingMonth.Containing(line.ServiceStart, timeZone));
            revenue[line.CustomerId] = revenue.GetValueOrDefault(line.CustomerId) + (line.Net * rate);
        }

        return revenue;
    }
}
