using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Chargebee;

public sealed class ChargebeeSubscriptionCsvReaderTests
{
    private const string Header =
        "subscriptions.id,subscriptions.plan_id,subscriptions.plan_quantity,subscriptions.plan_unit_price,subscriptions.currency_code," +
        "subscriptions.billing_period,subscriptions.billing_period_unit,subscriptions.status,subscriptions.start_date,subscriptions.trial_end," +
        "subscriptions.current_term_start,subscriptions.cancelled_at,subscriptions.pause_date,subscriptions.resume_date,customers.id\n";

    private static readonly ExportParseOptions Utc = new(TimeZoneInfo.Utc) { ReceivedAt = Parse.Utc(2025, 6, 30) };

    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    [Fact]
    public async Task ParseAsync_FixtureSubscriptions_SnapshotLinesPerStatus()
    {
        var result = await Parse.FixtureAsync("Fixtures/exports/chargebee/zip/Subscriptions.csv", Utc);

        Assert.False(result.IsRefused);
        Assert.Equal("chargebee-subscriptions", result.Format);
        Assert.Equal((11, 0), (result.DataRows, result.BadRows));
        var lines = result.Lines.ToDictionary(line => line.LineKey);
        Assert.Equal(12, lines.Count);
        Assert.Equal(new RevenueLine
        {
            LineKey = "sub_m1", CustomerId = "cb_1", SubscriptionId = "sub_m1", Plan = "pro-monthly", Quantity = 2m, Amount = 98m,
            Currency = Eur, Interval = BillingInterval.Monthly, ServiceStart = Parse.Utc(2025, 1, 10), ServiceEnd = null,
            Origin = LineOrigin.SubscriptionSnapshot, SnapshotTakenAt = Parse.Utc(2025, 6, 30), CurrentPeriodStart = Parse.Utc(2025, 6, 10),
            RowNumber = 2,
        }, lines["sub_m1"]);
        Assert.Equal((1200m, new BillingInterval(IntervalUnit.Year, 1)), (lines["sub_a1"].Amount, lines["sub_a1"].Interval!.Value));
        Assert.Equal((300m, Usd, new BillingInterval(IntervalUnit.Month, 3), Parse.Utc(2025, 3, 15)),
            (lines["sub_q1"].Amount, lines["sub_q1"].Currency, lines["sub_q1"].Interval!.Value, lines["sub_q1"].ServiceStart));
        Assert.Equal((12m, new BillingInterval(IntervalUnit.Week, 1), Parse.Utc(2025, 4, 20), false),
            (lines["sub_w1"].Amount, lines["sub_w1"].Interval!.Value, lines["sub_w1"].ServiceEnd, lines["sub_w1"].CancelsAtEnd));
        Assert.Equal((Parse.Utc(2025, 6, 1), true), (lines["sub_n1"].ServiceEnd, lines["sub_n1"].CancelsAtEnd));
        // The paid line stays open: the later-starting pause marker wins while the pause lasts, the paid line after it.
        Assert.Equal((Parse.Utc(2025, 1, 1), (DateTimeOffset?)null), (lines["sub_p1"].ServiceStart, lines["sub_p1"].ServiceEnd));
        var pause = lines["sub_p1:pause"];
        Assert.Equal((LineType.Pause, 0m, "sub_p1", Parse.Utc(2025, 5, 1), Parse.Utc(2025, 8, 1)),
            (pause.LineType, pause.Amount, pause.SubscriptionId, pause.ServiceStart, pause.ServiceEnd));
        Assert.Equal((Parse.Utc(2025, 6, 10), null), (lines["sub_f1"].ServiceStart, lines["sub_f1"].ServiceEnd));
        Assert.DoesNotContain(result.Lines, line => line.Discount != 0m);
    }

    [Fact]
    public async Task ParseAsync_FixtureSubscriptions_CustomersWithCustomFields()
    {
        var result = await Parse.FixtureAsync("Fixtures/exports/chargebee/zip/Subscriptions.csv", Utc);

        var customers = result.Customers.ToDictionary(customer => customer.CustomerId);
        Assert.Equal(9, customers.Count);
        Assert.Equal(new CustomerRecord
        {
            CustomerId = "cb_1", Name = "Acme B.V.", Email = "billing@acme.example", Country = "NL", Channel = "google_ads", Segment = "SMB", RowNumber = 2,
        }, customers["cb_1"]);
        Assert.Equal(("Uma Umber", "US", "meta_ads"), (customers["cb_4"].Name, customers["cb_4"].Country, customers["cb_4"].Channel));
        Assert.Contains("subscriptions.id", result.FormatEvidence, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, warning => warning.Contains("subscriptions.auto_collection", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("JPY", "5000", "5000")]
    [InlineData("KWD", "12345", "12.345")]
    [InlineData("EUR", "4999", "49.99")]
    public async Task ParseAsync_MinorUnits_ConvertedWithTheCurrencyExponent(string currency, string written, string expected)
    {
        var result = await Parse.TextAsync(Header + $"s1,p,1,{written},{currency},1,month,active,2025-01-01 00:00:00,,,,,,c1\n", Utc);

        Assert.Empty(result.Errors);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(result.Lines).Amount);
        Assert.DoesNotContain(result.Warnings, warning => warning.Contains("decimal separator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_InDecimalColumns_WinAsMajorUnits()
    {
        var csv = "subscriptions.id,subscriptions.plan_quantity,subscriptions.plan_unit_price,subscriptions.plan_quantity_in_decimal," +
            "subscriptions.plan_unit_price_in_decimal,subscriptions.currency_code,subscriptions.billing_period,subscriptions.billing_period_unit," +
            "subscriptions.status,subscriptions.start_date,customers.id\n" +
            "s1,2,1000,2.5,10.125,KWD,1,month,Active,2025-01-01,c1\n";

        var result = await Parse.TextAsync(csv, Utc);

        var line = Assert.Single(result.Lines);
        Assert.Equal((2.5m, 25.3125m), (line.Quantity, line.Amount));
    }

    [Fact]
    public async Task ParseAsync_DecimalInMinorUnitColumn_ReadAsMajorUnitsWithWarning()
    {
        var result = await Parse.TextAsync(Header + "s1,p,1,49.00,EUR,1,month,Active,2025-01-01 00:00:00,,,,,,c1\n", Utc);

        Assert.Equal(49m, Assert.Single(result.Lines).Amount);
        Assert.Contains(result.Warnings, warning => warning.Contains("plan_unit_price is in minor units", StringComparison.Ordinal)
            && warning.Contains("row 2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("non_renewing")]
    [InlineData("NON RENEWING")]
    [InlineData("Non Renewing")]
    public async Task ParseAsync_StatusSpellings_Accepted(string status)
    {
        var result = await Parse.TextAsync(Header + $"s1,p,1,1000,EUR,1,month,{status},2025-01-01 00:00:00,,,2025-09-01 00:00:00,,,c1\n", Utc);

        var line = Assert.Single(result.Lines);
        Assert.Equal((Parse.Utc(2025, 9, 1), true), (line.ServiceEnd, line.CancelsAtEnd));
    }

    [Fact]
    public async Task ParseAsync_NonRenewingWithoutCancelledAt_EndsAtTermEnd()
    {
        var csv = "subscriptions.id,subscriptions.plan_unit_price,subscriptions.currency_code,subscriptions.billing_period,subscriptions.billing_period_unit," +
            "subscriptions.status,subscriptions.start_date,subscriptions.current_term_end,subscriptions.cancelled_at,customers.id\n" +
            "s1,1000,EUR,1,month,Non Renewing,2025-01-01 00:00:00,2025-07-01 00:00:00,,c1\n";

        var result = await Parse.TextAsync(csv, Utc);

        var line = Assert.Single(result.Lines);
        Assert.Equal((Parse.Utc(2025, 7, 1), true), (line.ServiceEnd, line.CancelsAtEnd));
    }

    [Fact]
    public async Task ParseAsync_EpochSecondsAndTrial_PaidFromTrialEnd()
    {
        // 1735689600 = 2025-01-01T00:00:00Z, 1738368000 = 2025-02-01T00:00:00Z.
        var result = await Parse.TextAsync(Header + "s1,p,1,1000,EUR,1,month,in_trial,1735689600,1738368000,,,,,c1\n", Utc);

        Assert.Equal(Parse.Utc(2025, 2, 1), Assert.Single(result.Lines).ServiceStart);
    }

    [Fact]
    public async Task ParseAsync_SiteTimeZone_IsTheBusinessTimeZone()
    {
        var result = await Parse.TextAsync(Header + "s1,p,1,1000,EUR,1,month,Active,2025-01-01 00:00:00,,,,,,c1\n");

        Assert.Equal(Parse.Utc(2024, 12, 31, 23), Assert.Single(result.Lines).ServiceStart);
    }

    [Fact]
    public async Task ParseAsync_CancelledInTrial_NoPaidLine()
    {
        var result = await Parse.TextAsync(Header + "s1,p,1,1000,EUR,1,month,Cancelled,2025-01-01 00:00:00,2025-01-15 00:00:00,,2025-01-10 00:00:00,,,c1\n", Utc);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Lines);
        Assert.Equal("c1", Assert.Single(result.Customers).CustomerId);
    }

    [Fact]
    public async Task ParseAsync_PausedWithoutResume_OpenEndedMarker()
    {
        var result = await Parse.TextAsync(Header + "s1,p,1,1000,EUR,1,month,Paused,2025-01-01 00:00:00,,,,2025-03-01 00:00:00,,c1\n", Utc);

        Assert.Equal(2, result.Lines.Count);
        Assert.Equal((LineType.Pause, Parse.Utc(2025, 3, 1), (DateTimeOffset?)null), (result.Lines[1].LineType, result.Lines[1].ServiceStart, result.Lines[1].ServiceEnd));
    }

    [Theory]
    [InlineData(3, "subscriptions.status", "Expired", "not a Chargebee subscription status")]
    [InlineData(4, "subscriptions.plan_unit_price", "49 EUR", "not a whole number of minor units")]
    [InlineData(5, "subscriptions.billing_period_unit", "fortnight", "not a billing interval")]
    [InlineData(6, "subscriptions.cancelled_at", "", "is empty but the status is Cancelled")]
    [InlineData(7, "subscriptions.start_date", "31/02/2025", "not a date")]
    [InlineData(8, "subscriptions.currency_code", "EURO", "not an ISO 4217 currency code")]
    [InlineData(9, "subscriptions.trial_end", "", "In Trial")]
    public async Task ParseAsync_BadValue_RowErrorNamesRowColumnValue(int row, string column, string value, string expected)
    {
        var csv = Header +
            "ok,p,1,1000,EUR,1,month,Active,2025-01-01 00:00:00,,,,,,c0\n" +
            "s1,p,1,1000,EUR,1,month,Expired,2025-01-01 00:00:00,,,,,,c1\n" +
            "s2,p,1,49 EUR,EUR,1,month,Active,2025-01-01 00:00:00,,,,,,c1\n" +
            "s3,p,1,1000,EUR,1,fortnight,Active,2025-01-01 00:00:00,,,,,,c1\n" +
            "s4,p,1,1000,EUR,1,month,Cancelled,2025-01-01 00:00:00,,,,,,c1\n" +
            "s5,p,1,1000,EUR,1,month,Active,31/02/2025,,,,,,c1\n" +
            "s6,p,1,1000,EURO,1,month,Active,2025-01-01 00:00:00,,,,,,c1\n" +
            "s7,p,1,1000,EUR,1,month,In Trial,2025-01-01 00:00:00,,,,,,c1\n";

        await BadValues.AssertRowErrorAsync(csv, Utc, row, column, value, expected, goodLineKey: "ok");
    }

    [Fact]
    public async Task ParseAsync_WithoutBillingPeriod_RefusedNamingTheColumnsToAdd()
    {
        var result = await Parse.TextAsync(
            "subscriptions.id,subscriptions.plan_unit_price,subscriptions.currency_code,subscriptions.status,subscriptions.start_date,customers.id\n" +
            "s1,1000,EUR,Active,2025-01-01,c1\n", Utc);

        Assert.True(result.IsRefused);
        Assert.Equal((RefusalCodes.BadHeader, "chargebee-subscriptions"), (result.ReasonCode, result.Format));
        Assert.Contains("subscriptions.billing_period, subscriptions.billing_period_unit", result.RefusalReason, StringComparison.Ordinal);
    }
}
