using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.ChartMogul;

public sealed class ChartMogulInvoiceCsvReaderTests
{
    private const string Header =
        "invoice_external_id,date,currency,customer_external_id,type,subscription_external_id,service_period_start,service_period_end," +
        "amount_in_cents,prorated,discount_amount_in_cents,tax_amount_in_cents,external_id,plan_interval,plan_interval_count\n";

    private static readonly ExportParseOptions Utc = new(TimeZoneInfo.Utc);

    [Fact]
    public async Task ParseAsync_Fixture_AmountsBeforeDiscountExcludingTax()
    {
        var result = await Parse.FixtureAsync("Fixtures/exports/chartmogul/invoices.csv", Utc);

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal("chartmogul-invoices", result.Format);
        Assert.Equal((44, 0), (result.DataRows, result.BadRows));
        Assert.Equal(new RevenueLine
        {
            LineKey = "li_0001", CustomerId = "cus_A", InvoiceId = "inv_0001", SubscriptionId = "sub_A", Plan = "pl_pro_monthly", Amount = 50m,
            Discount = 10m, Tax = 8.4m, Currency = CurrencyCode.Parse("EUR"), Interval = BillingInterval.Monthly, IntervalInferred = true,
            ServiceStart = Parse.Utc(2025, 1, 1), ServiceEnd = Parse.Utc(2025, 2, 1), IssuedAt = Parse.Utc(2025, 1, 1), DueAt = Parse.Utc(2025, 1, 15),
            RowNumber = 2,
        }, result.Lines[0]);
        var proration = Assert.Single(result.Lines, line => line.LineType == LineType.Proration);
        Assert.Equal((50m, BillingInterval.Monthly, false), (proration.Amount, proration.Interval!.Value, proration.IntervalInferred));
        Assert.Equal(13, result.Lines.Count(line => line.Interval == new BillingInterval(IntervalUnit.Week, 1) && line.IntervalInferred));
        Assert.Equal(new BillingInterval(IntervalUnit.Month, 3), result.Lines.First(line => line.Currency.Code == "USD").Interval);
        Assert.Equal(8, result.Customers.Count);
    }

    [Fact]
    public async Task ParseAsync_SuccessfulRefund_MovementAndTheLineStays()
    {
        var result = await Parse.FixtureAsync("Fixtures/exports/chartmogul/invoices.csv", Utc);

        var line = Assert.Single(result.Lines, line => line.LineType == LineType.OneTime);
        Assert.Equal((200m, 42m, DocumentStatus.Paid, "Onboarding"), (line.Amount, line.Tax, line.Status, line.Product));
        Assert.Equal(new MoneyMovement
        {
            MovementKey = "li_0007:refund", Type = MoneyMovementType.Refund, CustomerId = "cus_A", InvoiceId = "inv_0007", Amount = -242m,
            Currency = CurrencyCode.Parse("EUR"), OccurredAt = Parse.Utc(2025, 1, 5), TimingEstimated = true, Status = "successful", IsFullRefund = true,
            RowNumber = 8,
        }, Assert.Single(result.Movements));
    }

    [Fact]
    public async Task ParseAsync_PartialRefundWithDate_NotFull()
    {
        var csv = "invoice_external_id,date,currency,customer_external_id,type,amount_in_cents,external_id,transaction_type,transaction_result,transaction_date,transaction_amount_in_cents\n" +
            "inv_1,2025-01-05 00:00:00,EUR,c1,one_time,10000,li_1,refund,successful,2025-01-20 10:00:00,2500\n" +
            "inv_2,2025-01-05 00:00:00,EUR,c1,one_time,10000,li_2,refund,failed,2025-01-20 10:00:00,2500\n";

        var result = await Parse.TextAsync(csv, Utc);

        var refund = Assert.Single(result.Movements);
        Assert.Equal((-25m, false, false, Parse.Utc(2025, 1, 20, 10)), (refund.Amount, refund.IsFullRefund, refund.TimingEstimated, refund.OccurredAt));
        Assert.Equal(2, result.Lines.Count);
    }

    [Theory]
    [InlineData("JPY", "5000", "5000")]
    [InlineData("TND", "5000", "5.000")]
    public async Task ParseAsync_MinorUnits_ConvertedWithTheCurrencyExponent(string currency, string written, string expected)
    {
        var result = await Parse.TextAsync(Header + $"i,2025-01-01,{currency},c,subscription,s,2025-01-01,2025-02-01,{written},,,,l,,\n", Utc);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(result.Lines).Amount);
    }

    [Theory]
    [InlineData(3, "amount_in_cents", "48.40", "not a whole number of minor units")]
    [InlineData(4, "type", "usage", "expected subscription or one_time")]
    [InlineData(5, "service_period_end", "2025-01-20", "cannot be inferred")]
    [InlineData(6, "prorated", "maybe", "not a yes/no value")]
    [InlineData(7, "service_period_start", "", "needs its service period")]
    public async Task ParseAsync_BadValue_RowErrorNamesRowColumnValue(int row, string column, string value, string expected)
    {
        var csv = Header +
            "i0,2025-01-01,EUR,c,subscription,s,2025-01-01,2025-02-01,4840,,,,l0,,\n" +
            "i1,2025-01-01,EUR,c,subscription,s,2025-01-01,2025-02-01,48.40,,,,l1,,\n" +
            "i2,2025-01-01,EUR,c,usage,s,2025-01-01,2025-02-01,4840,,,,l2,,\n" +
            "i3,2025-01-01,EUR,c,subscription,s,2025-01-01,2025-01-20,4840,,,,l3,,\n" +
            "i4,2025-01-01,EUR,c,subscription,s,2025-01-01,2025-02-01,4840,maybe,,,l4,,\n" +
            "i5,2025-01-01,EUR,c,subscription,s,,2025-02-01,4840,,,,l5,,\n";

        await BadValues.AssertRowErrorAsync(csv, Utc, row, column, value, expected, goodLineKey: "l0");
    }
}
