using Pipeline.Domain.Clv;

namespace Pipeline.Domain.Tests.Clv;

/// <summary>CLV quintiles: ⌈k N ÷ 5⌉ customers in the first k quintiles, highest value first, ties by customer id.</summary>
public sealed class ValueQuintilesTests
{
    [Fact]
    public void Of_SevenCustomers_QuintilesEndAtTheCeilings()
    {
        // N = 7: ⌈7/5⌉ = 2, ⌈14/5⌉ = 3, ⌈21/5⌉ = 5, ⌈28/5⌉ = 6, 7 → ranks 0–1 in 1, 2 in 2, 3–4 in 3, 5 in 4, 6 in 5.
        var values = new Dictionary<string, decimal>
        {
            ["a"] = 700m, ["b"] = 600m, ["c"] = 500m, ["d"] = 400m, ["e"] = 300m, ["f"] = 200m, ["g"] = 100m, ["z"] = 0m,
        };

        var quintiles = ValueQuintiles.Of(values);

        Assert.Equal([1, 1, 2, 3, 3, 4, 5], new[] { "a", "b", "c", "d", "e", "f", "g" }.Select(id => quintiles[id]).ToArray());
        Assert.False(quintiles.ContainsKey("z"));
    }

    [Fact]
    public void Of_EqualValuesAtTheCut_LowerCustomerIdFirst()
    {
        var values = new Dictionary<string, decimal> { ["b"] = 50m, ["a"] = 50m, ["c"] = 10m, ["d"] = 10m, ["e"] = 10m };

        var quintiles = ValueQuintiles.Of(values);

        // N = 5: one customer per quintile; a before b at 50, c before d before e at 10.
        Assert.Equal([1, 2, 3, 4, 5], new[] { "a", "b", "c", "d", "e" }.Select(id => quintiles[id]).ToArray());
    }

    [Fact]
    public void Of_TwoCustomers_TheTopOneAndTheSecondQuintile()
    {
        var quintiles = ValueQuintiles.Of(new Dictionary<string, decimal> { ["x"] = 1m, ["y"] = 2m });

        // N = 2: ⌈2/5⌉ = 1, ⌈4/5⌉ = 1, ⌈6/5⌉ = 2: y in 1, x in 3 (quintile 2 ends before rank 1 too).
        Assert.Equal((1, 3), (quintiles["y"], quintiles["x"]));
    }
}
