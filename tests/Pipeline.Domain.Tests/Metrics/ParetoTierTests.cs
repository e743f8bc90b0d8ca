using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class ParetoTierTests
{
    [Fact]
    public void Of_ElevenPayingCustomersAndOneWithout_ThreeLargestTop_NoMrrAbsent()
    {
        // N = 11 with MRR > 0 (c1 … c11 at 100 … 1,100): ⌈0.2 × 11⌉ = 3 places, c11, c10 and c9 are top20. c0 has no MRR.
        var mrr = Enumerable.Range(0, 12).ToDictionary(index => $"c{index}", index => index * 100m);

        var tiers = ParetoTier.Of(mrr);

        Assert.Equal(11, tiers.Count);
        Assert.False(tiers.ContainsKey("c0"));
        Assert.Equal(["c10", "c11", "c9"], tiers.Where(tier => tier.Value == "top20").Select(tier => tier.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Of_TieAtTheCut_LowestOrdinalIdsTakeThePlaces()
    {
        // N = 6: 2 places. b (500) is in; a, c, d tie at 100 for the one place left: "a" takes it.
        var tiers = ParetoTier.Of(new Dictionary<string, decimal> { ["d"] = 100m, ["b"] = 500m, ["c"] = 100m, ["a"] = 100m, ["e"] = 50m, ["f"] = 10m });

        Assert.Equal("a top20,b top20,c rest,d rest,e rest,f rest",
            string.Join(',', tiers.OrderBy(tier => tier.Key, StringComparer.Ordinal).Select(tier => $"{tier.Key} {tier.Value}")));
    }

    [Fact]
    public void Of_NobodyPays_Empty() => Assert.Empty(ParetoTier.Of(new Dictionary<string, decimal> { ["a"] = 0m }));
}
