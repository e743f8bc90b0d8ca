using Pipeline.Domain.Clv;
using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>The revenue to date of the customer value card: net of every counting line whose service starts by the end, in the reporting currency.</summary>
public sealed class RevenueToDateTests
{
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private static readonly DateTimeOffset EndOfMarch = new BillingMonth(2025, 3).EndInstant(TimeZoneInfo.Utc);

    [Fact]
    public void ByCustomer_CountingLinesNetOfDiscount_ConvertedAtTheStartMonthsRate()
    {
        var rates = new ExchangeRateTable([new ExchangeRate(new DateOnly(2025, 2, 28), Usd, Eur, 0.90m)]);
        RevenueLine[] lines =
        [
            Line("a", 100.00m, new(2025, 1, 1)) with { Discount = 10.00m },               // 90.00
            Line("a", 20.00m, new(2025, 2, 10)) with { LineType = LineType.OneTime, Currency = Usd }, // 20.00 USD × 0.90 = 18.00
            Line("a", -5.00m, new(2025, 3, 1)) with { LineType = LineType.Credit },        // −5.00
            Line("a", 50.00m, new(2025, 3, 2)) with { Status = DocumentStatus.Void },      // not a document that counts
            Line("a", 50.00m, new(2025, 3, 3)) with { Status = DocumentStatus.Refunded },  // the money went back
            Line("a", 70.00m, new(2025, 4, 1)),                                            // starts after the end
            Line("b", 30.00m, new(2025, 3, 31)) with { Status = DocumentStatus.Open },     // 30.00, billed not yet paid
        ];

        var revenue = RevenueToDate.ByCustomer(lines, EndOfMarch, TimeZoneInfo.Utc, rates, Eur);

        Assert.Equal(103.00m, revenue["a"]);
        Assert.Equal(30.00m, revenue["b"]);
        Assert.Equal(2, revenue.Count);
    }

    private static RevenueLine Line(string customer, decimal amount, DateOnly start) => new()
    {
        LineKey = $"{customer}-{start:yyyyMMdd}",
        CustomerId = customer,
        Amount = amount,
        Currency = Eur,
        ServiceStart = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
    };
}
