using Pipeline.Domain.Clv;
using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>The purchase rule of METRICS.md §8: one-time and usage lines on documents that count, by day, net, in the reporting currency.</summary>
public sealed class PurchaseLinesTests
{
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    [Theory]
    [InlineData(LineType.OneTime, DocumentStatus.Paid, true)]
    [InlineData(LineType.Usage, DocumentStatus.Open, true)]
    [InlineData(LineType.OneTime, DocumentStatus.Refunded, true)]
    [InlineData(LineType.OneTime, DocumentStatus.Void, false)]
    [InlineData(LineType.Usage, DocumentStatus.Draft, false)]
    [InlineData(LineType.OneTime, DocumentStatus.Canceled, false)]
    [InlineData(LineType.Recurring, DocumentStatus.Paid, false)]
    [InlineData(LineType.Trial, DocumentStatus.Paid, false)]
    public void IsPurchase_OneTimeAndUsageLinesOnDocumentsThatCount(LineType type, DocumentStatus status, bool purchase) =>
        Assert.Equal(purchase, PurchaseLines.IsPurchase(Line(0m) with { LineType = type, Status = status }));

    [Fact]
    public void Day_TheServiceStartInTheBusinessTimeZone()
    {
        var line = Line(1m) with { ServiceStart = new DateTimeOffset(2025, 3, 31, 23, 30, 0, TimeSpan.Zero) };

        Assert.Equal(new DateOnly(2025, 3, 31), PurchaseLines.Day(line, TimeZoneInfo.Utc));
        Assert.Equal(new DateOnly(2025, 4, 1), PurchaseLines.Day(line, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")));
    }

    [Fact]
    public void Value_NetOfDiscount_ConvertedAtTheMonthEndRateOfItsDay()
    {
        var rates = new ExchangeRateTable([new ExchangeRate(new DateOnly(2025, 3, 31), Usd, Eur, 0.90m), new ExchangeRate(new DateOnly(2025, 4, 30), Usd, Eur, 0.80m)]);

        // 50.00 − 10.00 discount = 40.00 USD on 15 March: × 0.90 (March's month-end rate) = 36.00 EUR.
        Assert.Equal(36.00m, PurchaseLines.Value(Line(50.00m) with { Discount = 10.00m, Currency = Usd }, new DateOnly(2025, 3, 15), rates, Eur));
        Assert.Equal(40.00m, PurchaseLines.Value(Line(50.00m) with { Discount = 10.00m }, new DateOnly(2025, 3, 15), ExchangeRateTable.Empty, Eur));
        Assert.Throws<MissingExchangeRateException>(() => PurchaseLines.Value(Line(1m) with { Currency = Usd }, new DateOnly(2025, 2, 15), rates, Eur));
    }

    private static RevenueLine Line(decimal amount) => new()
    {
        LineKey = "l1",
        CustomerId = "c1",
        Amount = amount,
        Currency = Eur,
        LineType = LineType.OneTime,
        ServiceStart = new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero),
    };
}
