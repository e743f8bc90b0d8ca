using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Paddle;

public sealed class PaddleTransactionLineCsvReaderTests
{
    private const string Header =
        "transaction_id,status,customer_id,subscription_id,transaction_item_id,price_id,quantity,subtotal,discount,tax,total,currency_code," +
        "billing_cycle_interval,billing_cycle_frequency,billing_period_starts_at,billing_period_ends_at,origin,billed_at\n";

    private static readonly ExportParseOptions Utc = new(TimeZoneInfo.Utc);

    [Fact]
    public async Task ParseAsync_Fixture_LinesTypesAndStatuses()
    {
        var result = await Parse.FixtureAsync("Fixtures/exports/paddle/transaction-line-items.csv", Utc);

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal("paddle-transaction-lines", result.Format);
        Assert.Equal((47, 0), (result.DataRows, result.BadRows));
        Assert.Equal(47, result.Lines.Count);
        Assert.Equal(new RevenueLine
        {
            LineKey = "txnitm_01j00000000000000000001", CustomerId = "ctm_01jacme000000000000000000", InvoiceId = "txn_01j00000000000000000000001",
            SubscriptionId = "sub_01jacmemonthly0000000000", Plan = "pri_01jpromonthly", Product = "pro", Amount = 30m, Discount = 5m, Tax = 5.25m,
            Currency = CurrencyCode.Parse("EUR"), Interval = BillingInterval.Monthly, ServiceStart = Parse.Utc(2025, 1, 1), ServiceEnd = Parse.Utc(2025, 2, 1),
            IssuedAt = Parse.Utc(2025, 1, 1), RowNumber = 2,
        }, result.Lines[0]);
        var setup = Assert.Single(result.Lines, line => line.LineType == LineType.OneTime);
        Assert.Equal((100m, (BillingInterval?)null, Parse.Utc(2025, 1, 1)), (setup.Amount, setup.Interval, setup.ServiceStart));
        var proration = Assert.Single(result.Lines, line => line.LineType == LineType.Proration);
        Assert.Equal((50m, Parse.Utc(2025, 4, 16), Parse.Utc(2025, 5, 1)), (proration.Amount, proration.ServiceStart, proration.ServiceEnd));
        Assert.Equal(new BillingInterval(IntervalUnit.Month, 3), result.Lines.First(line => line.Currency.Code == "USD").Interval);
        Assert.Equal(13, result.Lines.Count(line => line.Interval?.Unit == IntervalUnit.Week));
        Assert.Equal([DocumentStatus.Canceled, DocumentStatus.Draft], result.Lines.Where(line => line.Status != DocumentStatus.Paid).Select(line => line.Status).ToArray());
        Assert.Equal(9, result.Customers.Count);
        Assert.Equal(("Acme B.V.", "billing@acme.example", "NL"), (result.Customers[0].Name, result.Customers[0].Email, result.Customers[0].Country));
    }

    [Theory]
    [InlineData("JPY", "3000", "3000")]
    [InlineData("BHD", "3000", "3.000")]
    [InlineData("USD", "3000", "30.00")]
    public async Task ParseAsync_MinorUnits_ConvertedWithTheCurrencyExponent(string currency, string written, string expected)
    {
        var result = await Parse.TextAsync(Header +
            $"txn_1,completed,ctm_1,sub_1,txnitm_1,pri_1,1,{written},0,0,{written},{currency},month,1,2025-01-01T00:00:00.123456Z,2025-02-01T00:00:00Z,subscription_recurring,2025-01-01T00:00:00Z\n", Utc);

        Assert.Empty(result.Errors);
        var line = Assert.Single(result.Lines);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), line.Amount);
        Assert.Equal(Parse.Utc(2025, 1, 1).AddTicks(1_234_560), line.ServiceStart);
    }

    [Theory]
    [InlineData("billed", DocumentStatus.Open)]
    [InlineData("past_due", DocumentStatus.PastDue)]
    [InlineData("paid", DocumentStatus.Paid)]
    [InlineData("ready", DocumentStatus.Draft)]
    public async Task ParseAsync_Status_Mapped(string status, DocumentStatus expected)
    {
        var result = await Parse.TextAsync(Header +
            $"txn_1,{status},ctm_1,sub_1,txnitm_1,pri_1,1,1000,0,0,1000,EUR,month,1,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,subscription_recurring,\n", Utc);

        Assert.Equal(expected, Assert.Single(result.Lines).Status);
    }

    [Fact]
    public async Task ParseAsync_SubscriptionUpdateForAFullPeriod_StaysRecurring()
    {
        var result = await Parse.TextAsync(Header +
            "txn_1,completed,ctm_1,sub_1,txnitm_1,pri_1,1,1000,0,0,1000,EUR,month,1,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,subscription_update,\n", Utc);

        Assert.Equal(LineType.Recurring, Assert.Single(result.Lines).LineType);
    }

    [Theory]
    [InlineData(3, "subtotal", "30.00", "not a whole number of minor units")]
    [InlineData(4, "status", "settled", "not a Paddle transaction status")]
    [InlineData(5, "billing_period_ends_at", "", "needs its billing period")]
    [InlineData(6, "billing_cycle_interval", "fortnight", "not a billing interval")]
    [InlineData(7, "billing_period_starts_at", "2025-13-01", "not a date")]
    public async Task ParseAsync_BadValue_RowErrorNamesRowColumnValue(int row, string column, string value, string expected)
    {
        var csv = Header +
            "txn_0,completed,ctm_1,sub_1,txnitm_0,pri_1,1,1000,0,0,1000,EUR,month,1,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,,\n" +
            "txn_1,completed,ctm_1,sub_1,txnitm_1,pri_1,1,30.00,0,0,1000,EUR,month,1,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,,\n" +
            "txn_2,settled,ctm_1,sub_1,txnitm_2,pri_1,1,1000,0,0,1000,EUR,month,1,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,,\n" +
            "txn_3,completed,ctm_1,sub_1,txnitm_3,pri_1,1,1000,0,0,1000,EUR,month,1,2025-01-01T00:00:00Z,,,\n" +
            "txn_4,completed,ctm_1,sub_1,txnitm_4,pri_1,1,1000,0,0,1000,EUR,fortnight,1,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,,\n" +
            "txn_5,completed,ctm_1,sub_1,txnitm_5,pri_1,1,1000,0,0,1000,EUR,month,1,2025-13-01,2025-02-01T00:00:00Z,,\n";

        await BadValues.AssertRowErrorAsync(csv, Utc, row, column, value, expected, goodLineKey: "txnitm_0");
    }
}
