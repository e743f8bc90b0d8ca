using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Baremetrics;

public sealed class BaremetricsCsvReaderTests
{
    private const string Header =
        "plan_oid,plan_name,plan_currency,plan_amount,plan_interval,plan_interval_count,customer_oid,customer_name,customer_email," +
        "subscription_oid,subscription_started_at,subscription_canceled_at,subscription_quantity\n";

    private static readonly ExportParseOptions Utc = new(TimeZoneInfo.Utc) { ReceivedAt = Parse.Utc(2025, 7, 1) };

    [Fact]
    public async Task ParseAsync_Fixture_OneSnapshotLinePerSubscription()
    {
        var result = await Parse.FixtureAsync("Fixtures/exports/baremetrics/subscriptions.csv", Utc);

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal("baremetrics", result.Format);
        Assert.Equal((9, 0), (result.DataRows, result.BadRows));
        Assert.Equal(new RevenueLine
        {
            LineKey = "sub_1", CustomerId = "cus_1", SubscriptionId = "sub_1", Plan = "p_basic_m", Product = "Basic", Quantity = 2m, Amount = 40m,
            Currency = CurrencyCode.Parse("EUR"), Interval = BillingInterval.Monthly, ServiceStart = Parse.Utc(2025, 1, 1), ServiceEnd = Parse.Utc(2025, 3, 1),
            Origin = LineOrigin.SubscriptionSnapshot, SnapshotTakenAt = Parse.Utc(2025, 7, 1), RowNumber = 2,
        }, result.Lines[0]);
        Assert.Equal(
            [40m, 100m, 1200m, 300m, 15m, 50m, 20m, 20m, 50m],
            result.Lines.Select(line => line.Amount).ToArray());
        Assert.Equal(new BillingInterval(IntervalUnit.Month, 3), result.Lines[3].Interval);
        Assert.Equal(new BillingInterval(IntervalUnit.Week, 1), result.Lines[4].Interval);
        Assert.Equal(7, result.Customers.Count);
        Assert.Equal(("Globex GmbH", "finance@globex.example"), (result.Customers[1].Name, result.Customers[1].Email));
    }

    [Theory]
    [InlineData("JPY", "5000", "5000")]
    [InlineData("KWD", "5000", "5.000")]
    public async Task ParseAsync_MinorUnits_ConvertedWithTheCurrencyExponent(string currency, string written, string expected)
    {
        var result = await Parse.TextAsync(Header + $"p,P,{currency},{written},month,1,c,C,,s,2025-01-01,,\n", Utc);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(result.Lines).Amount);
    }

    [Theory]
    [InlineData(3, "plan_amount", "50.00", "not a whole number of minor units")]
    [InlineData(4, "subscription_started_at", "01/02/2025", "YYYY-MM-DD")]
    [InlineData(5, "plan_interval", "fortnight", "not a billing interval")]
    [InlineData(6, "subscription_quantity", "0", "not a quantity")]
    [InlineData(7, "subscription_canceled_at", "2024-12-01", "before subscription_started_at")]
    [InlineData(8, "plan_currency", "", "plan_currency is empty")]
    public async Task ParseAsync_BadValue_RowErrorNamesRowColumnValue(int row, string column, string value, string expected)
    {
        var csv = Header +
            "p,P,EUR,5000,month,1,c,C,,s0,2025-01-01,,\n" +
            "p,P,EUR,50.00,month,1,c,C,,s1,2025-01-01,,\n" +
            "p,P,EUR,5000,month,1,c,C,,s2,01/02/2025,,\n" +
            "p,P,EUR,5000,fortnight,1,c,C,,s3,2025-01-01,,\n" +
            "p,P,EUR,5000,month,1,c,C,,s4,2025-01-01,,0\n" +
            "p,P,EUR,5000,month,1,c,C,,s5,2025-01-01,2024-12-01,\n" +
            "p,P,,5000,month,1,c,C,,s6,2025-01-01,,\n";

        await BadValues.AssertRowErrorAsync(csv, Utc, row, column, value, expected, goodLineKey: "s0");
    }
}
