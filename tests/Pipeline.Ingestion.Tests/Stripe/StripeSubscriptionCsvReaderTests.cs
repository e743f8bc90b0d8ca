using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using static Pipeline.Ingestion.Tests.Parse;

namespace Pipeline.Ingestion.Tests.Stripe;

public sealed class StripeSubscriptionCsvReaderTests
{
    private const string Header =
        "id,Customer ID,Customer Name,Customer Email,Plan,Product,Quantity,Currency,Interval,Amount,Status,Start Date (UTC)," +
        "Current Period Start (UTC),Current Period End (UTC),Trial End (UTC),Canceled At (UTC),Cancel At Period End,Ended At (UTC)\n";

    private static readonly DateTimeOffset ReceivedAt = Utc(2025, 3, 31, 18);

    private static ExportParseOptions Options => AmsterdamOptions with { ReceivedAt = ReceivedAt };

    [Fact]
    public async Task ParseAsync_MarchFixture_EverySubscriptionMapped()
    {
        var result = await FixtureAsync("Fixtures/exports/stripe/subscriptions-2025-03.csv", Options);

        Assert.False(result.IsRefused);
        Assert.Equal("stripe-subscriptions", result.Format);
        Assert.Equal("Stripe subscriptions fingerprint: header has id, customer id, current period start (utc), interval", result.FormatEvidence);
        Assert.Equal((9, 0), (result.DataRows, result.BadRows));
        var lines = result.Lines.ToDictionary(line => line.SubscriptionId!);
        Assert.Equal(8, lines.Count);
        Assert.All(result.Lines, line =>
        {
            Assert.Equal(LineOrigin.SubscriptionSnapshot, line.Origin);
            Assert.Equal(line.SubscriptionId, line.LineKey);
            Assert.Equal(ReceivedAt, line.SnapshotTakenAt);
            Assert.Equal(LineType.Recurring, line.LineType);
            Assert.Equal(DocumentStatus.Paid, line.Status);
        });

        var alpha = lines["sub_1MonthlyAlpha"];
        Assert.Equal(
            ("cus_alpha", "price_basic_monthly", "Basic", 1m, 49m, "EUR", BillingInterval.Monthly, Utc(2025, 1, 1), (DateTimeOffset?)null, Utc(2025, 3, 1), 2L),
            (alpha.CustomerId, alpha.Plan, alpha.Product, alpha.Quantity, alpha.Amount, alpha.Currency.Code, alpha.Interval!.Value, alpha.ServiceStart,
                alpha.ServiceEnd, alpha.CurrentPeriodStart!.Value, alpha.RowNumber));
        Assert.Equal(new BillingInterval(IntervalUnit.Year, 1), lines["sub_2AnnualBeta"].Interval);
        Assert.Equal(new BillingInterval(IntervalUnit.Month, 3), lines["sub_3QuarterGamma"].Interval);
        Assert.Equal(new BillingInterval(IntervalUnit.Week, 1), lines["sub_4WeeklyDelta"].Interval);
        Assert.Equal((Utc(2025, 4, 7, 12), BillingInterval.Monthly), (lines["sub_5TrialEps"].ServiceStart, lines["sub_5TrialEps"].Interval!.Value));
        Assert.Equal((4m, 100m, "USD"), (lines["sub_6SeatsZeta"].Quantity, lines["sub_6SeatsZeta"].Amount, lines["sub_6SeatsZeta"].Currency.Code));
        Assert.Equal(((DateTimeOffset?)Utc(2025, 3, 1), false), (lines["sub_7EndedEta"].ServiceEnd, lines["sub_7EndedEta"].CancelsAtEnd));
        Assert.Null(lines["sub_8CancelTheta"].ServiceEnd);
        Assert.DoesNotContain("sub_9IncompleteIota", lines.Keys);

        Assert.Equal(9, result.Customers.Count);
        Assert.Equal(
            new CustomerRecord { CustomerId = "cus_beta", Name = "Beta GmbH", Email = "finance@beta.example", RowNumber = 3 },
            result.Customers.Single(customer => customer.CustomerId == "cus_beta"));
        Assert.Equal(
            [
                "1 subscription(s) with status incomplete or incomplete_expired were never paid and give no MRR.",
                "Interval counts are inferred from the current period (Current Period Start/End), since the export has no interval-count column: 1 subscription(s) bill every several units (first: row 4, every 3 months).",
                "Amount is taken as the price per unit and multiplied by Quantity for 1 subscription(s) with more than one unit (setting StripeAmountIsPerUnit).",
            ],
            result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_AprilFixtureWithOlderColumnNames_StartAndDescriptionRead()
    {
        var result = await FixtureAsync("Fixtures/exports/stripe/subscriptions-2025-04.csv", Options);

        Assert.Equal(("stripe-subscriptions", 0, 8), (result.Format, result.BadRows, result.Lines.Count));
        var lines = result.Lines.ToDictionary(line => line.SubscriptionId!);
        Assert.Equal((Utc(2025, 1, 1), "price_pro_monthly", 99m), (lines["sub_1MonthlyAlpha"].ServiceStart, lines["sub_1MonthlyAlpha"].Plan, lines["sub_1MonthlyAlpha"].Amount));
        Assert.Equal(((DateTimeOffset?)Utc(2025, 5, 1), true), (lines["sub_8CancelTheta"].ServiceEnd, lines["sub_8CancelTheta"].CancelsAtEnd));
        Assert.Equal((2m, 50m), (lines["sub_6SeatsZeta"].Quantity, lines["sub_6SeatsZeta"].Amount));
        Assert.Equal("Zeta Inc.", result.Customers.Single(customer => customer.CustomerId == "cus_zeta").Name);
        Assert.DoesNotContain(result.Warnings, warning => warning.StartsWith("Ignored columns", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_BothSnapshotsThroughHistory_UpgradeFromAprilPeriodOnly()
    {
        var march = await FixtureAsync("Fixtures/exports/stripe/subscriptions-2025-03.csv", Options);
        var april = await FixtureAsync("Fixtures/exports/stripe/subscriptions-2025-04.csv", Options with { ReceivedAt = Utc(2025, 4, 30, 18) });

        var history = SnapshotHistory.Apply([.. march.Lines, .. april.Lines]);
        var engine = new MonthlyRecurringRevenue(history, new MetricSettings(Eur, TimeZoneInfo.Utc));

        var alpha = history.Where(line => line.SubscriptionId == "sub_1MonthlyAlpha").Select(line => (line.Amount, line.ServiceStart, line.ServiceEnd));
        Assert.Equal([(49m, Utc(2025, 1, 1), (DateTimeOffset?)Utc(2025, 4, 1)), (99m, Utc(2025, 4, 1), null)], alpha);
        Assert.Equal(8 + 2, history.Count);
        Assert.Equal([49m, 49m, 49m, 99m, 99m], Enumerable.Range(1, 5).Select(month => engine.CustomerMrrAt(new BillingMonth(2025, month), UsdAt125())["cus_alpha"]));
        Assert.Equal(
            [419m, 589m, 529m, 579m, 499m, 499m],
            Enumerable.Range(1, 6).Select(month => engine.CustomerMrrAt(new BillingMonth(2025, month), UsdAt125()).Values.Sum()));
    }

    [Theory]
    [InlineData("active")]
    [InlineData("past_due")]
    [InlineData("unpaid")]
    [InlineData("canceled")]
    [InlineData("Active")]
    public async Task ParseAsync_CountingStatus_OneOpenLine(string status)
    {
        var result = await TextAsync(Header + $"sub_1,cus_1,A,a@x.example,price_1,Basic,1,eur,month,10.00,{status},2025-01-01 00:00,2025-03-01 00:00,2025-04-01 00:00,,2025-03-15 10:00,false,\n", Options);

        var line = Assert.Single(result.Lines);
        Assert.Equal(status == "canceled" ? Utc(2025, 3, 15, 10) : null, line.ServiceEnd);
    }

    [Fact]
    public async Task ParseAsync_TrialingAndPaused_TrialEndStartsAndPauseEndsAtPeriodStart()
    {
        var result = await TextAsync(Header +
            "sub_t,cus_1,,,price_1,,1,eur,week,10.00,trialing,2025-01-01 00:00,2025-01-01 00:00,2025-01-15 00:00,2025-01-15 00:00,,false,\n" +
            "sub_p,cus_2,,,price_1,,1,eur,month,10.00,paused,2025-01-01 00:00,2025-03-01 00:00,2025-04-01 00:00,,,false,\n" +
            "sub_pc,cus_3,,,price_1,,1,eur,month,10.00,paused,2025-01-01 00:00,2025-03-01 00:00,2025-04-01 00:00,,,true,\n", Options);

        Assert.Equal(
            [
                ("sub_t", Utc(2025, 1, 15), (DateTimeOffset?)null, new BillingInterval(IntervalUnit.Week, 1), false),
                ("sub_p", Utc(2025, 1, 1), Utc(2025, 3, 1), BillingInterval.Monthly, false),
                ("sub_pc", Utc(2025, 1, 1), Utc(2025, 3, 1), BillingInterval.Monthly, false),
            ],
            result.Lines.Select(line => (line.SubscriptionId!, line.ServiceStart, line.ServiceEnd, line.Interval!.Value, line.CancelsAtEnd)));
    }

    [Fact]
    public async Task ParseAsync_EndedAtWinsOverCancelAtPeriodEnd()
    {
        var result = await TextAsync(Header +
            "sub_1,cus_1,,,p,,1,eur,month,10.00,canceled,2025-01-01 00:00,2025-03-01 00:00,2025-04-01 00:00,,2025-03-10 00:00,true,2025-03-20 00:00:00\n" +
            "sub_2,cus_1,,,p,,1,eur,month,10.00,active,2025-01-01 00:00,2025-03-01 00:00,2025-04-01 00:00,,2025-03-10 00:00,TRUE,\n", Options);

        Assert.Equal(
            [((DateTimeOffset?)Utc(2025, 3, 20), false), (Utc(2025, 4, 1), true)],
            result.Lines.Select(line => (line.ServiceEnd, line.CancelsAtEnd)));
    }

    [Theory]
    [InlineData("day", "2025-03-01 00:00", "2025-03-15 00:00", IntervalUnit.Day, 14)]
    [InlineData("week", "2025-03-03 00:00", "2025-03-17 00:00", IntervalUnit.Week, 2)]
    [InlineData("week", "2025-02-01 00:00", "2025-03-01 00:00", IntervalUnit.Week, 4)]
    [InlineData("month", "2025-01-31 00:00", "2025-07-31 00:00", IntervalUnit.Month, 6)]
    [InlineData("month", "2025-03-01 00:00", "2025-03-20 00:00", IntervalUnit.Month, 1)]
    [InlineData("year", "2025-01-01 00:00", "2027-01-01 00:00", IntervalUnit.Year, 2)]
    [InlineData("month", "", "", IntervalUnit.Month, 1)]
    public async Task ParseAsync_IntervalCount_InferredFromWholeCurrentPeriod(string unit, string start, string end, IntervalUnit expectedUnit, int count)
    {
        var result = await TextAsync(Header + $"sub_1,cus_1,,,p,,1,eur,{unit},10.00,active,2025-01-01 00:00,{start},{end},,,false,\n", Options);

        Assert.Equal(new BillingInterval(expectedUnit, count), Assert.Single(result.Lines).Interval);
        Assert.Equal(count > 1, result.Warnings.Any(warning => warning.StartsWith("Interval counts are inferred", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true, 3, "\"49,50\"", 148.5)]
    [InlineData(false, 3, "\"49,50\"", 49.5)]
    [InlineData(true, 1, "\"1.200,00\"", 1200)]
    public async Task ParseAsync_AmountPerUnitSetting_MultipliesByQuantity(bool perUnit, int quantity, string amount, decimal expected)
    {
        var result = await TextAsync(Header + $"sub_1,cus_1,,,p,,{quantity},eur,month,{amount},active,2025-01-01 00:00,,,,,false,\n",
            Options with { StripeAmountIsPerUnit = perUnit });

        Assert.Equal(expected, Assert.Single(result.Lines).Amount);
    }

    [Fact]
    public async Task ParseAsync_StartColumnsAndNameColumns_AlternativesAccepted()
    {
        var result = await TextAsync(
            "id,Customer ID,Customer Description,Interval,Amount,Currency,Status,Created (UTC),Start (UTC)\n" +
            "sub_1,cus_1,Old Name Ltd,month,10,usd,active,2024-12-01 00:00,2025-01-02 03:04:05\n", Options);

        Assert.Equal(Utc(2025, 1, 2, 3, 4).AddSeconds(5), Assert.Single(result.Lines).ServiceStart);
        Assert.Equal("Old Name Ltd", Assert.Single(result.Customers).Name);
        Assert.Equal("Stripe subscriptions fingerprint: header has id, customer id, interval", result.FormatEvidence);
    }

    [Fact]
    public async Task ParseAsync_MetadataColumns_CustomerAttributesAndNoUnknownColumnWarning()
    {
        var result = await TextAsync(
            "id,Customer ID,Customer Email,Interval,Amount,Currency,Status,Start Date (UTC),utm_source (metadata),segment (metadata),utm_campaign (metadata),user_id (metadata),Coupon\n" +
            "sub_1,cus_1,Ann@Example.COM,month,10,eur,active,2025-01-01 00:00,Facebook,Enterprise,spring,u1,\n" +
            "sub_2,cus_2,,month,10,eur,active,2025-01-01 00:00,newsletter,,,u2,\n", Options);

        Assert.Equal(
            [
                new CustomerRecord { CustomerId = "cus_1", Email = "ann@example.com", Channel = "meta_ads", Segment = "Enterprise", Campaign = "spring", RowNumber = 2 },
                new CustomerRecord { CustomerId = "cus_2", Channel = "newsletter", RowNumber = 3 },
            ],
            result.Customers);
        Assert.Equal(["Ignored columns that stripe-subscriptions does not use: Coupon."], result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_IdsWithoutSubPrefix_WarningNamesFirstRow()
    {
        var result = await TextAsync(Header +
            "sub_1,cus_1,,,p,,1,eur,month,10,active,2025-01-01 00:00,,,,,false,\n" +
            "S-0002,cus_1,,,p,,1,eur,month,10,active,2025-01-01 00:00,,,,,false,\n" +
            "S-0003,cus_1,,,p,,1,eur,month,10,active,2025-01-01 00:00,,,,,false,\n", Options);

        Assert.Equal(3, result.Lines.Count);
        Assert.Equal(
            ["2 row(s) have an id that does not start with sub_, as Stripe subscription ids do (first: row 3, 'S-0002'); check that this is a Stripe subscription export."],
            result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_BadValues_RowErrorsNameRowColumnAndValue()
    {
        var result = await TextAsync(Header +
            "sub_1,cus_1,,,p,,1,eur,month,ten,active,2025-01-01 00:00,,,,,false,\n" +
            "sub_2,cus_1,,,p,,1,eur,fortnight,10,active,2025-01-01 00:00,,,,,false,\n" +
            "sub_3,cus_1,,,p,,1,eur,month,10,frozen,2025-01-01 00:00,,,,,false,\n" +
            "sub_4,cus_1,,,p,,1,xyz,month,10,active,2025-01-01 00:00,,,,,false,\n" +
            "sub_5,cus_1,,,p,,1,eur,month,10,active,2025-02-30 00:00,,,,,false,\n" +
            "sub_6,cus_1,,,p,,1,eur,month,10,active,2025-01-01 00:00,,,,,maybe,\n" +
            "sub_7,cus_1,,,p,,1,eur,month,10,active,2025-01-01 00:00,,,,,true,\n" +
            "sub_8,cus_1,,,p,,1,eur,month,10,canceled,2025-01-01 00:00,,,,,false,\n" +
            "sub_9,,,,p,,1,eur,month,10,active,2025-01-01 00:00,,,,,false,\n" +
            ",cus_1,,,p,,1,eur,month,10,active,2025-01-01 00:00,,,,,false,\n" +
            "sub_11,cus_1,,not-an-email,p,,1,eur,month,10,active,,,,,,false,\n" +
            "sub_12,cus_1,,,p,,1,eur,month,10,paused,2025-01-01 00:00,,,,,false,\n",
            Options with { MaxBadRowFraction = 1m });

        Assert.Empty(result.Lines);
        Assert.Equal(
            [
                (2L, "Amount", "ten"), (3L, "Interval", "fortnight"), (4L, "Status", "frozen"), (5L, "Currency", "xyz"),
                (6L, "Start Date (UTC)", "2025-02-30 00:00"), (7L, "Cancel At Period End", "maybe"),
                (8L, "Current Period End (UTC)", ""), (9L, "Ended At (UTC)", ""), (10L, "Customer ID", ""), (11L, "id", ""),
                (12L, "Customer Email", "not-an-email"), (12L, "Start Date (UTC)", ""), (13L, "Current Period Start (UTC)", ""),
            ],
            result.Errors.Select(error => (error.Row, error.Column, error.Value)));
        Assert.All(result.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
        Assert.Contains("expected day, week, month or year", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("expected active, trialing, past_due", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal(12, result.BadRows);
    }

    [Fact]
    public async Task ParseAsync_IncompleteOnly_NoLinesAndOneWarningWithCount()
    {
        var result = await TextAsync(Header +
            "sub_1,cus_1,,,p,,1,eur,month,10,incomplete,2025-01-01 00:00,,,,,false,\n" +
            "sub_2,cus_2,,,p,,1,eur,month,10,incomplete_expired,2025-01-01 00:00,,,,,false,\n", Options);

        Assert.Empty(result.Lines);
        Assert.Equal((2, 0), (result.DataRows, result.BadRows));
        Assert.Equal(["2 subscription(s) with status incomplete or incomplete_expired were never paid and give no MRR."], result.Warnings);
    }

    private static ExchangeRateTable UsdAt125() =>
        new(Enumerable.Range(1, 6).Select(month =>
            new ExchangeRate(new BillingMonth(2025, month).LastDay, CurrencyCode.Parse("EUR"), CurrencyCode.Parse("USD"), 1.25m)));
}
