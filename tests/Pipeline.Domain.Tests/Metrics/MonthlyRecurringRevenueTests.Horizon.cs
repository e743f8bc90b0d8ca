using Pipeline.Domain.Metrics;
using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests.Metrics;

/// <summary>A month measured at the tenant's data horizon instead of at its end (issue 11, "honest current month").</summary>
public sealed partial class MonthlyRecurringRevenueTests
{
    private static readonly DateTimeOffset November24 = On(11, 24);

    /// <summary>
    /// a: Nov 1–Dec 1; b: anniversary Nov 15–Dec 15; c: Nov 1–Nov 20 (ended before the horizon); d: weekly Nov 20–Nov 27
    /// at 30 (130.00 a month); e: Oct 28–Nov 28 (its renewal is not exported yet); f: starts Nov 26, after the horizon.
    /// </summary>
    private static LedgerBuilder HorizonLedger() => new LedgerBuilder()
        .Line("cus_a", 100m, On(11, 1), On(12, 1))
        .Line("cus_b", 200m, On(11, 15), On(12, 15))
        .Line("cus_c", 40m, On(11, 1), On(11, 20))
        .Line("cus_d", 30m, On(11, 20), On(11, 27), line => line with { Interval = new BillingInterval(IntervalUnit.Week, 1) })
        .Line("cus_e", 50m, On(10, 28), On(11, 28))
        .Line("cus_f", 70m, On(11, 26), On(12, 26));

    [Fact]
    public void CustomerMrrAt_HorizonInsideTheMonth_WhatCountsAtTheHorizon()
    {
        var atEnd = HorizonLedger().Engine();
        var atHorizon = new MonthlyRecurringRevenue(HorizonLedger().Build(), UtcSettings, November24);

        Assert.Equal(
            new Dictionary<string, decimal> { ["cus_a"] = 100m, ["cus_b"] = 200m, ["cus_f"] = 70m },
            atEnd.CustomerMrrAt(Month(11)));
        Assert.Equal(
            new Dictionary<string, decimal> { ["cus_a"] = 100m, ["cus_b"] = 200m, ["cus_d"] = 30m * 52m / 12m, ["cus_e"] = 50m },
            atHorizon.CustomerMrrAt(Month(11)));
        Assert.Equal(atEnd.CustomerMrrAt(Month(10)), atHorizon.CustomerMrrAt(Month(10)));
        Assert.Equal((November24, (DateTimeOffset?)null), (atHorizon.MeasuredAt(Month(11)), atHorizon.MeasuredAt(Month(10))));
        Assert.Null(atEnd.MeasuredAt(Month(11)));
    }

    [Fact]
    public void CustomerMrrAt_HorizonInAmsterdamAcrossUtcMidnight_InstantsAfterItCountAsEnded()
    {
        // The horizon is 00:30 on Dec 1 in Amsterdam (23:30 UTC on Nov 30): December is measured then, and a line
        // ending at 01:00 local on Dec 1 (after the horizon) still counts, one ending at 00:15 does not.
        var settings = UtcSettings with { BusinessTimeZone = Amsterdam };
        var horizon = new DateTimeOffset(2025, 12, 1, 0, 30, 0, TimeSpan.FromHours(1));
        var lines = new LedgerBuilder()
            .Line("cus_early", 10m, On(11, 1), new DateTimeOffset(2025, 12, 1, 0, 15, 0, TimeSpan.FromHours(1)), line => line with { Interval = null })
            .Line("cus_late", 20m, On(11, 1), new DateTimeOffset(2025, 12, 1, 1, 0, 0, TimeSpan.FromHours(1)), line => line with { Interval = null })
            .Line("cus_new", 30m, new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.FromHours(1)), null)
            .Build();

        var engine = new MonthlyRecurringRevenue(lines, settings, horizon);

        Assert.Equal(new Dictionary<string, decimal> { ["cus_late"] = 20m, ["cus_new"] = 30m }, engine.CustomerMrrAt(Month(12)));
        Assert.Equal(horizon, engine.MeasuredAt(Month(12)));
    }
}
