using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class ParetoCutTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(7, 1000)]
    [InlineData(11, 5)]
    [InlineData(13, 12_345)]
    public void IsTop_ManyEqualAmounts_SameCustomersAsSortingByMrrThenId(int seed, int count)
    {
        var random = new Random(seed);
        var mrr = Enumerable.Range(0, count).Select(_ => 10m * random.Next(1, 8)).ToArray();
        var places = (count + 4) / 5;
        var expected = Enumerable.Range(0, count).OrderByDescending(customer => mrr[customer]).ThenBy(customer => customer).Take(places).ToHashSet();

        var cut = new ParetoCut([.. mrr]);
        var top = Enumerable.Range(0, count).Where(customer => cut.IsTop(mrr[customer])).ToHashSet();

        Assert.Equal(expected.Order(), top.Order());
    }

    [Fact]
    public void IsTop_FiveCustomers_OnlyTheLargest()
    {
        decimal[] mrr = [50m, 400m, 400m, 10m, 20m];
        var cut = new ParetoCut([.. mrr]);

        Assert.Equal([false, true, false, false, false], mrr.Select(cut.IsTop));
    }
}
