using Pipeline.Domain;

namespace Pipeline.Benchmarks;

/// <summary>A deterministic synthetic ledger shaped like a SaaS company's invoice lines.</summary>
/// <remarks>
/// About one customer per 20 lines; each has one subscription (80 % monthly, 10 % quarterly, 10 % annual) that starts
/// in a random month, may upgrade or downgrade once, and ends after a random lifetime. A fifth of the customers pay
/// in USD (converted at month-end EUR/USD rates), a few lines are void, refunded or open, and some first invoices are
/// prorated. The same seed always gives the same ledger.
/// </remarks>
internal static class SyntheticLedger
{
    public static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    public static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    /// <param name="lineCount">How many lines.</param>
    /// <param name="months">How many months the subscriptions start in.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="firstMonth">The first month (default January 2021).</param>
    public static (List<RevenueLine> Lines, List<ExchangeRate> Rates, int Customers) Generate(
        int lineCount, int months, int seed = 42, BillingMonth? firstMonth = null)
    {
        var random = new Random(seed);
        var first = firstMonth?.FirstDay ?? new DateOnly(2021, 1, 1);
        var lines = new List<RevenueLine>(lineCount);
        var customer = 0;
        while (lines.Count < lineCount)
        {
            customer++;
            AddCustomer(lines, random, customer, first, months, lineCount);
        }

        var rates = Enumerable.Range(0, months + 1)
            .Select(month => new ExchangeRate(first.AddMonths(month).AddDays(-1), Eur, Usd, 1.05m + (month % 7 * 0.01m)))
            .ToList();
        return (lines, rates, customer);
    }

    private static void AddCustomer(List<RevenueLine> lines, Random random, int number, DateOnly first, int months, int limit)
    {
        var id = $"cus_{number:D7}";
        var currency = number % 5 == 0 ? Usd : Eur;
        var (interval, step) = (random.Next(10)) switch
        {
            0 => (new BillingInterval(IntervalUnit.Year, 1), 12),
            1 => (new BillingInterval(IntervalUnit.Month, 3), 3),
            _ => (BillingInterval.Monthly, 1),
        };
        var price = (decimal)(random.Next(2, 60) * 10) * step;
        var start = first.AddMonths(random.Next(months));
        var end = start.AddMonths(random.Next(1, months));
        var changeAt = start.AddMonths(random.Next(1, 24));
        for (var period = start; period < end && lines.Count < limit; period = period.AddMonths(step))
        {
            if (period == changeAt)
            {
                price = decimal.Round(price * (random.Next(2) == 0 ? 1.5m : 0.7m), 2);
            }

            var roll = random.Next(200);
            lines.Add(new RevenueLine
            {
                LineKey = $"il_{lines.Count:D8}",
                CustomerId = id,
                SubscriptionId = $"sub_{number:D7}",
                Plan = price > 300m ? "pro" : "starter",
                Amount = price,
                Currency = currency,
                Interval = interval,
                ServiceStart = At(period),
                ServiceEnd = At(period.AddMonths(step)),
                IssuedAt = At(period),
                DueAt = At(period.AddDays(14)),
                Status = roll switch { 0 => DocumentStatus.Void, 1 => DocumentStatus.Refunded, 2 => DocumentStatus.Open, _ => DocumentStatus.Paid },
                RefundedAt = roll == 1 ? At(period.AddDays(10)) : null,
                RowNumber = lines.Count + 2,
            });
        }
    }

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
