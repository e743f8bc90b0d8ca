using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class MrrBandLabelsTests
{
    [Fact]
    public void Labels_DecimalBounds_InvariantAndAsGiven()
    {
        var bands = new MrrBandLabels([99.5m, 1000m, 2500.75m]);

        Assert.Equal(["<99.5", "99.5-1000", "1000-2500.75", ">=2500.75"], bands.Labels);
        Assert.Equal([0, 1, 1, 2, 3], new[] { 10m, 99.5m, 999.99m, 1000m, 1_000_000m }.Select(bands.BandOf));
    }

    [Fact]
    public void Labels_NoBounds_NoBands()
    {
        var bands = new MrrBandLabels([]);

        Assert.True(bands.IsEmpty);
        Assert.Empty(bands.Labels);
    }
}
