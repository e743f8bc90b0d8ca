using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

public sealed partial class MonthlyRecurringRevenueTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Theory]
    [InlineData(DocumentStatus.Void)]
    [InlineData(DocumentStatus.Draft)]
    [InlineData(DocumentStatus.Canceled)]
    public void CustomerMrrAt_LineOnVoidDraftOrCanceledDocument_Ignored(DocumentStatus status)
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null, line => line with { Status = status })
            .Line("cus_b", 30m, On(1, 1), null)
            .Engine();

        Assert.Equal(new Dictionary<string, decimal> { ["cus_b"] = 30m }, engine.CustomerMrrAt(Month(1)));
    }

    [Theory]
    [InlineData(LineType.OneTime)]
    [InlineData(LineType.Usage)]
    [InlineData(LineType.Trial)]
    [InlineData(LineType.Credit)]
    public void CustomerMrrAt_NonRecurringLineType_Ignored(LineType type)
    {
        var engine = new LedgerBuilder().Line("cus_a", 100m, On(1, 1), On(2, 1), line => line with { LineType = type }).Engine();

        Assert.Empty(engine.CustomerMrrAt(Month(1)));
    }

    [Theory]
    [InlineData(DocumentStatus.Paid, 200)]
    [InlineData(DocumentStatus.Void, 100)]
    public void CustomerMrrAt_LaterLineOfSameSubscription_SupersedesOnlyWhenEligible(DocumentStatus laterStatus, int expected)
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null, line => line with { SubscriptionId = "sub_1" })
            .Line("cus_a", 200m, On(1, 15), null, line => line with { SubscriptionId = "sub_1", Status = laterStatus })
            .Engine();

        Assert.Equal(expected, engine.CustomerMrrAt(Month(1))["cus_a"]);
    }

    [Fact]
    public void CustomerMrrAt_SameStartDifferentIssueDates_LaterIssueWinsAndUnknownIssueIsEarliest()
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 300m, On(1, 1), null, line => line with { IssuedAt = On(1, 9) })
            .Line("cus_a", 200m, On(1, 1), null, line => line with { IssuedAt = On(1, 10) })
            .Line("cus_a", 100m, On(1, 1), null, line => line with { IssuedAt = null })
            .Engine();

        Assert.Equal(200m, engine.CustomerMrrAt(Month(1))["cus_a"]);
    }

    [Fact]
    public void CustomerMrrAt_SameStartAndIssue_LaterSourcePositionWins()
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 300m, On(1, 1), null)
            .Line("cus_a", 200m, On(1, 1), null)
            .Engine();

        Assert.Equal(200m, engine.CustomerMrrAt(Month(1))["cus_a"]);
    }

    [Fact]
    public void CustomerMrrAt_SameSubscriptionIdForTwoCustomers_ScopedPerCustomer()
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 10m, On(1, 1), null, line => line with { SubscriptionId = "sub_shared" })
            .Line("cus_b", 20m, On(1, 5), null, line => line with { SubscriptionId = "sub_shared" })
            .Engine();

        Assert.Equal(new Dictionary<string, decimal> { ["cus_a"] = 10m, ["cus_b"] = 20m }, engine.CustomerMrrAt(Month(1)));
    }

    [Fact]
    public void CustomerMrrAt_SupersededLineEnds_EarlierOpenLineCountsAgain()
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null)
            .Line("cus_a", 150m, On(2, 1), On(3, 1))
            .Engine();

        Assert.Equal([100m, 150m, 100m], [.. Enumerable.Range(1, 3).Select(month => engine.CustomerMrrAt(Month(month))["cus_a"])]);
    }

    [Fact]
    public void CustomerMrrAt_OpenEndedSnapshotsOutOfSourceOrder_LatestStartedSnapshotWins()
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 150m, On(3, 1), null)
            .Line("cus_a", 100m, On(1, 1), null)
            .Line("cus_a", 120m, On(2, 1), null)
            .Engine();

        Assert.Equal([100m, 120m, 150m, 150m], [.. Enumerable.Range(1, 4).Select(month => engine.CustomerMrrAt(Month(month))["cus_a"])]);
    }

    [Fact]
    public void CustomerMrrAt_RefundedLine_CountsOnlyBeforeRefundInstant()
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null, line => line with
            {
                Status = DocumentStatus.Refunded,
                RefundedAt = Month(2).EndInstant(TimeZoneInfo.Utc),
            })
            .Engine();

        Assert.Equal([true, false, false], [.. Enumerable.Range(1, 3).Select(month => engine.CustomerMrrAt(Month(month)).ContainsKey("cus_a"))]);
    }

    [Fact]
    public void CustomerMrrAt_DelinquencyLimitExactlyAtMonthEnd_StillCounts()
    {
        var dueAt = Month(2).EndInstant(TimeZoneInfo.Utc).AddDays(-30);
        var engine = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null, line => line with { Status = DocumentStatus.PastDue, DueAt = dueAt })
            .Engine();

        Assert.True(engine.CustomerMrrAt(Month(2)).ContainsKey("cus_a"));
        Assert.False(engine.CustomerMrrAt(Month(3)).ContainsKey("cus_a"));
        Assert.True(engine.HasMrrIgnoringDelinquency("cus_a", Month(3)));
    }

    [Fact]
    public void CustomerMrrAt_UnpaidWithoutDueDate_LimitRunsFromIssueElseServiceStart()
    {
        var settings = LedgerBuilder.UtcSettings with { DelinquencyDays = 10 };
        var engine = new LedgerBuilder()
            .Line("cus_issued", 100m, On(1, 25), null, line => line with { Status = DocumentStatus.Uncollectible, IssuedAt = On(1, 5) })
            .Line("cus_started", 100m, On(1, 25), null, line => line with { Status = DocumentStatus.Uncollectible, IssuedAt = null })
            .Engine(settings);

        Assert.Equal(["cus_started"], engine.CustomerMrrAt(Month(1)).Keys);
        Assert.Empty(engine.CustomerMrrAt(Month(2)));
    }

    [Fact]
    public void CustomerMrrAt_StartAtMidnightInAmsterdam_CountsForThatLocalMonth()
    {
        var start = new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.FromHours(1));
        var ledger = new LedgerBuilder().Line("cus_a", 100m, start, null);

        var amsterdam = ledger.Engine(LedgerBuilder.UtcSettings with { BusinessTimeZone = Amsterdam });
        var utc = ledger.Engine();

        Assert.Equal((false, true), (amsterdam.CustomerMrrAt(Month(1)).ContainsKey("cus_a"), amsterdam.CustomerMrrAt(Month(2)).ContainsKey("cus_a")));
        Assert.True(utc.CustomerMrrAt(Month(1)).ContainsKey("cus_a"));
    }

    [Fact]
    public void CustomerMrrAt_StartLateOnLastLocalDayInNewYork_CountsForThatLocalMonth()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var start = new DateTimeOffset(2025, 2, 1, 3, 0, 0, TimeSpan.Zero);
        var engine = new LedgerBuilder()
            .Line("cus_a", 100m, start, start.AddMonths(1))
            .Engine(LedgerBuilder.UtcSettings with { BusinessTimeZone = newYork });

        Assert.Equal([true, false], [.. Enumerable.Range(1, 2).Select(month => engine.CustomerMrrAt(Month(month)).ContainsKey("cus_a"))]);
        Assert.Equal(["cus_a"], engine.CustomersStartingIn(Month(1)));
    }

    [Fact]
    public void CustomerMrrAt_OpenEndedLine_CountsYearsLaterAndNotBeforeStart()
    {
        var engine = new LedgerBuilder().Line("cus_a", 100m, On(3, 1), null).Engine();

        Assert.Equal(100m, engine.CustomerMrrAt(new BillingMonth(2031, 6))["cus_a"]);
        Assert.Empty(engine.CustomerMrrAt(Month(2)));
    }

    [Fact]
    public void CustomerMrrAt_EmptyLedger_NoCustomers()
    {
        var engine = new LedgerBuilder().Engine();

        Assert.Empty(engine.CustomerMrrAt(Month(1)));
        Assert.Empty(engine.CustomersStartingIn(Month(1)));
    }

    [Fact]
    public void CustomerPartsAt_LinesInTwoCurrenciesPlansAndProducts_NativePartsConvertedAtMonthEndRate()
    {
        var engine = new LedgerBuilder()
            .Line("cus_a", 100m, On(1, 1), null, line => line with { Currency = Usd, Plan = "pro", Product = "api", SubscriptionId = "sub_1" })
            .Line("cus_a", 30m, On(1, 5), null, line => line with { Plan = "pro", Product = "api", SubscriptionId = "sub_2" })
            .Line("cus_a", 20m, On(1, 9), null, line => line with { Plan = "pro", Product = "api", SubscriptionId = "sub_3" })
            .Line("cus_a", 10m, On(1, 9), null, line => line with { Plan = "addon", SubscriptionId = "sub_4" })
            .Engine();

        var parts = engine.CustomerPartsAt(Month(1), UsdToEur((1, 0.9m)));

        Assert.Equal(
            [new MrrPart("addon", null, Eur, 10m, 10m), new MrrPart("pro", "api", Eur, 50m, 50m), new MrrPart("pro", "api", Usd, 100m, 90m)],
            parts["cus_a"]);
        Assert.Equal(150m, engine.CustomerMrrAt(Month(1), UsdToEur((1, 0.9m)))["cus_a"]);
    }

    [Fact]
    public void CustomerMrrAt_LineInOtherCurrencyWithoutRate_ThrowsMissingExchangeRate()
    {
        var engine = new LedgerBuilder().Line("cus_a", 100m, On(1, 1), null, line => line with { Currency = Usd }).Engine();

        var error = Assert.Throws<MissingExchangeRateException>(() => engine.CustomerMrrAt(Month(1)));

        Assert.Equal((Usd, Eur, Month(1)), (error.From, error.To, error.Month));
    }

    [Fact]
    public void CustomersStartingIn_RefundedAndUnpaidLines_IncludedButNotFreeOrVoidOnes()
    {
        var engine = new LedgerBuilder()
            .Line("cus_refunded", 40m, On(3, 3), On(4, 3), line => line with { Status = DocumentStatus.Refunded, RefundedAt = On(3, 20) })
            .Line("cus_open", 40m, On(3, 31), null, line => line with { Status = DocumentStatus.Open })
            .Line("cus_free", 40m, On(3, 3), null, line => line with { Discount = 40m })
            .Line("cus_void", 40m, On(3, 3), null, line => line with { Status = DocumentStatus.Void })
            .Line("cus_april", 40m, On(4, 1), null)
            .Engine();

        Assert.Equal(["cus_open", "cus_refunded"], engine.CustomersStartingIn(Month(3)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MonthlyAmount_Ex10ProratedFirstInvoice_ScaledToFullMonth()
    {
        var line = new LedgerBuilder().Line("cus_o", 20m, On(1, 22), On(2, 1)).Build()[0];

        Assert.Equal(62m, MonthlyRecurringRevenue.MonthlyAmount(line, TimeZoneInfo.Utc));
    }

    [Fact]
    public void MonthlyAmount_Ex11RemainingTimeCharge_ScaledToFullMonth()
    {
        var line = new LedgerBuilder().Line("cus_p", 100m, On(2, 15), On(3, 1), line => line with { LineType = LineType.Proration }).Build()[0];

        Assert.Equal(200m, MonthlyRecurringRevenue.MonthlyAmount(line, TimeZoneInfo.Utc));
    }

    [Fact]
    public void MonthlyAmount_ProrationAcrossDstChange_UsesWholeLocalDays()
    {
        var start = new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.FromHours(1));
        var end = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(2));
        var line = new LedgerBuilder().Line("cus_a", 17m, start, end).Build()[0];

        Assert.Equal(31m, MonthlyRecurringRevenue.MonthlyAmount(line, Amsterdam));
    }

    [Fact]
    public void MonthlyAmount_InferredInterval_NeverProrated()
    {
        var line = new LedgerBuilder().Line("cus_o", 20m, On(1, 22), On(2, 22), line => line with { IntervalInferred = true }).Build()[0];
        var tenDays = line with { ServiceEnd = On(2, 1) };

        Assert.Equal(20m, MonthlyRecurringRevenue.MonthlyAmount(line, TimeZoneInfo.Utc));
        Assert.Equal(20m, MonthlyRecurringRevenue.MonthlyAmount(tenDays, TimeZoneInfo.Utc));
    }

    [Fact]
    public void MonthlyAmount_NoInterval_InferredFromPeriodOrNotCounted()
    {
        var quarter = new LedgerBuilder().Line("cus_a", 300m, On(1, 1), On(4, 1), line => line with { Interval = null }).Build()[0];

        Assert.Equal(100m, MonthlyRecurringRevenue.MonthlyAmount(quarter, TimeZoneInfo.Utc));
        Assert.Null(MonthlyRecurringRevenue.MonthlyAmount(quarter with { ServiceEnd = On(1, 20) }, TimeZoneInfo.Utc));
        Assert.Null(MonthlyRecurringRevenue.MonthlyAmount(quarter with { ServiceEnd = null }, TimeZoneInfo.Utc));
    }

    [Fact]
    public void MonthlyAmount_LineThatCanNeverCount_Null()
    {
        var line = new LedgerBuilder().Line("cus_a", 100m, On(1, 1), On(2, 1)).Build()[0];

        Assert.Equal(100m, MonthlyRecurringRevenue.MonthlyAmount(line, TimeZoneInfo.Utc));
        Assert.Null(MonthlyRecurringRevenue.MonthlyAmount(line with { Amount = -50m }, TimeZoneInfo.Utc));
        Assert.Null(MonthlyRecurringRevenue.MonthlyAmount(line with { Discount = 100m }, TimeZoneInfo.Utc));
        Assert.Null(MonthlyRecurringRevenue.MonthlyAmount(line with { Status = DocumentStatus.Draft }, TimeZoneInfo.Utc));
        Assert.Null(MonthlyRecurringRevenue.MonthlyAmount(line with { LineType = LineType.Usage }, TimeZoneInfo.Utc));
        Assert.Null(MonthlyRecurringRevenue.MonthlyAmount(line with { ServiceEnd = line.ServiceStart }, TimeZoneInfo.Utc));
    }
}
