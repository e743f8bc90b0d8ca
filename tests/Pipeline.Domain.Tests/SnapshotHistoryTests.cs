using static Pipeline.Domain.Tests.LedgerBuilder;

namespace Pipeline.Domain.Tests;

public sealed class SnapshotHistoryTests
{
    private static readonly DateTimeOffset MarchSnapshot = On(3, 31);
    private static readonly DateTimeOffset AprilSnapshot = On(4, 30);

    [Fact]
    public void Apply_Upgrade_EarlierLineEndsAndLaterStartsAtLaterCurrentPeriodStart()
    {
        var history = SnapshotHistory.Apply(
        [
            Snapshot("sub_1", "price_basic", 49m, On(1, 10), MarchSnapshot, On(3, 10)),
            Snapshot("sub_1", "price_pro", 99m, On(1, 10), AprilSnapshot, On(4, 10)),
        ]);

        Assert.Equal(
            [("price_basic", On(1, 10), (DateTimeOffset?)On(4, 10)), ("price_pro", On(4, 10), null)],
            history.Select(line => (line.Plan, line.ServiceStart, line.ServiceEnd)));
    }

    [Fact]
    public void Apply_DowngradeInQuantity_ChangeTakesEffectAtLaterPeriodStart()
    {
        var history = SnapshotHistory.Apply(
        [
            Snapshot("sub_1", "price_seat", 30m, On(2, 1), MarchSnapshot, On(3, 1)) with { Quantity = 3m },
            Snapshot("sub_1", "price_seat", 20m, On(2, 1), AprilSnapshot, On(4, 1)) with { Quantity = 2m },
        ]);

        Assert.Equal(
            [(30m, On(2, 1), (DateTimeOffset?)On(4, 1)), (20m, On(4, 1), null)],
            history.Select(line => (line.Amount, line.ServiceStart, line.ServiceEnd)));
    }

    [Fact]
    public void Apply_UnchangedReExport_OneLineWithTheFirstStart()
    {
        var history = SnapshotHistory.Apply(
        [
            Snapshot("sub_1", "price_basic", 49m, On(1, 10), MarchSnapshot, On(3, 10)),
            Snapshot("sub_1", "price_basic", 49m, On(2, 1), AprilSnapshot, On(4, 10)),
        ]);

        var line = Assert.Single(history);
        Assert.Equal((On(1, 10), (DateTimeOffset?)null, AprilSnapshot), (line.ServiceStart, line.ServiceEnd, line.SnapshotTakenAt));
    }

    [Fact]
    public void Apply_CancellationInLaterSnapshot_LaterEndAndCancelFlagWin()
    {
        var history = SnapshotHistory.Apply(
        [
            Snapshot("sub_1", "price_basic", 49m, On(1, 10), MarchSnapshot, On(3, 10)),
            Snapshot("sub_1", "price_basic", 49m, On(1, 10), AprilSnapshot, On(4, 10)) with
            {
                ServiceEnd = On(5, 10), CancelsAtEnd = true,
            },
        ]);

        var line = Assert.Single(history);
        Assert.Equal((On(1, 10), (DateTimeOffset?)On(5, 10), true), (line.ServiceStart, line.ServiceEnd, line.CancelsAtEnd));
    }

    [Fact]
    public void Apply_CancellingLineCutByLaterChange_NoLongerCancelsAtEnd()
    {
        var history = SnapshotHistory.Apply(
        [
            Snapshot("sub_1", "price_basic", 49m, On(1, 10), MarchSnapshot, On(3, 10)) with
            {
                ServiceEnd = On(4, 10), CancelsAtEnd = true,
            },
            Snapshot("sub_1", "price_pro", 99m, On(1, 10), AprilSnapshot, On(3, 25)),
        ]);

        Assert.Equal(
            [(On(1, 10), (DateTimeOffset?)On(3, 25), false), (On(3, 25), null, false)],
            history.Select(line => (line.ServiceStart, line.ServiceEnd, line.CancelsAtEnd)));
    }

    [Fact]
    public void Apply_ThreeSnapshotsOutOfOrder_ChainedBySnapshotTime()
    {
        var history = SnapshotHistory.Apply(
        [
            Snapshot("sub_1", "price_c", 300m, On(1, 1), On(5, 31), On(5, 1)),
            Snapshot("sub_1", "price_a", 100m, On(1, 1), On(2, 28), On(2, 1)),
            Snapshot("sub_1", "price_b", 200m, On(1, 1), On(3, 31), On(3, 1)),
        ]);

        // Source positions are kept: the May snapshot first, then February, then March.
        Assert.Equal(
            [("price_c", On(5, 1), (DateTimeOffset?)null), ("price_a", On(1, 1), On(3, 1)), ("price_b", On(3, 1), On(5, 1))],
            history.Select(line => (line.Plan, line.ServiceStart, line.ServiceEnd)));
    }

    [Fact]
    public void Apply_ChangeAtEarlierLinesStart_EarlierLineDropped()
    {
        var history = SnapshotHistory.Apply(
        [
            Snapshot("sub_1", "price_a", 100m, On(3, 1), MarchSnapshot, On(3, 1)),
            Snapshot("sub_1", "price_b", 150m, On(3, 1), AprilSnapshot, On(2, 1)),
        ]);

        var line = Assert.Single(history);
        Assert.Equal(("price_b", On(3, 1)), (line.Plan, line.ServiceStart));
    }

    [Fact]
    public void Apply_MixedWithInvoiceLines_InvoiceLinesUntouchedAndOrderStable()
    {
        var invoice = new RevenueLine
        {
            LineKey = "il_1", CustomerId = "cus_1", SubscriptionId = "sub_1", Amount = 49m, Currency = Eur,
            ServiceStart = On(1, 10), ServiceEnd = On(2, 10),
        };
        var other = Snapshot("sub_2", "price_x", 10m, On(1, 1), MarchSnapshot, On(3, 1));
        var noId = Snapshot("sub_3", "price_y", 5m, On(1, 1), MarchSnapshot, On(3, 1)) with { SubscriptionId = null };
        var history = SnapshotHistory.Apply(
        [
            invoice,
            Snapshot("sub_1", "price_basic", 49m, On(1, 10), MarchSnapshot, On(3, 10)),
            other,
            noId,
            Snapshot("sub_1", "price_pro", 99m, On(1, 10), AprilSnapshot, On(4, 10)),
        ]);

        Assert.Equal(5, history.Count);
        Assert.Same(invoice, history[0]);
        Assert.Equal(On(4, 10), history[1].ServiceEnd);
        Assert.Same(other, history[2]);
        Assert.Same(noId, history[3]);
        Assert.Equal(("price_pro", On(4, 10)), (history[4].Plan, history[4].ServiceStart));
    }

    [Fact]
    public void Apply_UpgradeThroughTheEngine_MrrChangesFromTheLaterPeriodOnly()
    {
        var history = SnapshotHistory.Apply(
        [
            Snapshot("sub_1", "price_basic", 50m, On(1, 1), MarchSnapshot, On(3, 1)),
            Snapshot("sub_1", "price_pro", 80m, On(1, 1), AprilSnapshot, On(4, 1)),
        ]);
        var engine = new Pipeline.Domain.Metrics.MonthlyRecurringRevenue(history, UtcSettings);

        Assert.Equal(
            [50m, 50m, 50m, 80m, 80m],
            Enumerable.Range(1, 5).Select(month => engine.CustomerMrrAt(Month(month))["cus_1"]));
    }

    [Fact]
    public void MonthlyAmount_SnapshotLineShorterThanItsInterval_NotProrated()
    {
        var annual = Snapshot("sub_1", "price_year", 1200m, On(1, 10), MarchSnapshot, On(1, 10)) with
        {
            Interval = new BillingInterval(IntervalUnit.Year, 1), ServiceEnd = On(3, 5),
        };

        Assert.Equal(100m, Pipeline.Domain.Metrics.MonthlyRecurringRevenue.MonthlyAmount(annual, TimeZoneInfo.Utc));
        Assert.Equal(
            100m * 365m / 54m,
            Pipeline.Domain.Metrics.MonthlyRecurringRevenue.MonthlyAmount(annual with { Origin = LineOrigin.InvoiceLine }, TimeZoneInfo.Utc));
    }

    private static RevenueLine Snapshot(
        string subscription, string plan, decimal amount, DateTimeOffset start, DateTimeOffset takenAt, DateTimeOffset periodStart) =>
        new()
        {
            LineKey = subscription,
            CustomerId = "cus_1",
            SubscriptionId = subscription,
            Plan = plan,
            Amount = amount,
            Currency = Eur,
            Interval = BillingInterval.Monthly,
            ServiceStart = start,
            Origin = LineOrigin.SubscriptionSnapshot,
            SnapshotTakenAt = takenAt,
            CurrentPeriodStart = periodStart,
        };
}
