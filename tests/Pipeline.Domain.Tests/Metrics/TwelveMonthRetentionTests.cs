using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class TwelveMonthRetentionTests
{
    [Fact]
    public void Of_BaseExpandsContractsAndChurns_OnlyBaseCustomersCount()
    {
        // Base (MRR > 0 twelve months before): A 100, B 200, C 300 = 600. D had 0 then, E did not exist.
        // Now: A 150 (expansion), B 100 (contraction), C gone, D 500 and E 1,000 are outside the base.
        // NRR12 = (150 + 100 + 0) ÷ 600; GRR12 = (min(150, 100) + 100 + 0) ÷ 600 = 200 ÷ 600.
        CustomerMonthEnd[] before = [Customer("A", 100m), Customer("B", 200m), Customer("C", 300m), Customer("D", 0m)];
        CustomerMonthEnd[] closing = [Customer("A", 150m), Customer("B", 100m), Customer("D", 500m), Customer("E", 1000m)];

        var figures = TwelveMonthRetention.Of(before, closing);

        Assert.Equal(new TwelveMonthRetentionFigures(250m / 600m, 200m / 600m), figures);
    }

    [Fact]
    public void Of_SnapshotsTheCloseProduced_SameFiguresWalkingTheirActiveRows()
    {
        // As the first case, as the engine hands its snapshots over: rows in id order, the active ones listed; C is
        // dormant now (0) and D was dormant then.
        var before = Snapshot(Customer("A", 100m), Customer("B", 200m), Customer("C", 300m), Customer("D", 0m));
        var closing = Snapshot(Customer("A", 150m), Customer("B", 100m), Customer("C", 0m), Customer("D", 500m), Customer("E", 1000m));

        var figures = TwelveMonthRetention.Of(before, closing);

        Assert.Equal(new TwelveMonthRetentionFigures(250m / 600m, 200m / 600m), figures);
    }

    [Fact]
    public void Of_RandomSnapshots_WalkingActiveRowsGivesWhatLookingUpGives()
    {
        var random = new Random(7);
        for (var run = 0; run < 50; run++)
        {
            CustomerMonthEnd[] Draw() => [.. Enumerable.Range(0, 300)
                .Where(_ => random.Next(4) > 0)
                .Select(number => Customer($"cus_{number:D4}", random.Next(3) == 0 ? 0m : random.Next(1, 10_000) / 3m))];
            var (before, closing) = (Draw(), Draw());

            Assert.Equal(TwelveMonthRetention.Of(before, closing), TwelveMonthRetention.Of(Snapshot(before), Snapshot(closing)));
        }
    }

    [Fact]
    public void Of_BaseCustomerTriples_NrrThreeAndGrrCappedAtOne()
    {
        var figures = TwelveMonthRetention.Of([Customer("A", 100m)], [Customer("A", 300m)]);

        Assert.Equal(new TwelveMonthRetentionFigures(3m, 1m), figures);
    }

    [Fact]
    public void Of_BaseCustomerAtZeroNow_CountsAsLost()
    {
        var figures = TwelveMonthRetention.Of(
            [Customer("A", 100m), Customer("B", 100m)], [Customer("A", 0m), Customer("B", 100m)]);

        Assert.Equal(new TwelveMonthRetentionFigures(0.5m, 0.5m), figures);
    }

    [Fact]
    public void Of_NobodyPaidTwelveMonthsBefore_BothNull()
    {
        var figures = TwelveMonthRetention.Of([Customer("A", 0m)], [Customer("A", 100m)]);

        Assert.Equal(new TwelveMonthRetentionFigures(null, null), figures);
    }

    [Fact]
    public void Of_NoSnapshotTwelveMonthsBefore_BothNull()
    {
        var figures = TwelveMonthRetention.Of([], [Customer("A", 100m)]);

        Assert.Equal(new TwelveMonthRetentionFigures(null, null), figures);
    }

    private static CustomerMonthEnd Customer(string id, decimal mrr) => new(id, mrr, EverPaid: true);

    /// <summary>The rows as the close hands a snapshot over: in id order, with the positions of the rows with MRR.</summary>
    private static ClosingSnapshot Snapshot(params CustomerMonthEnd[] rows)
    {
        var ordered = rows.OrderBy(row => row.CustomerId, StringComparer.Ordinal).ToList();
        var active = Enumerable.Range(0, ordered.Count).Where(index => ordered[index].Mrr > 0m).ToList();
        return new ClosingSnapshot(ordered, active, null);
    }
}
