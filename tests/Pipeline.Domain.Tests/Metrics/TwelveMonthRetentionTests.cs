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
}
