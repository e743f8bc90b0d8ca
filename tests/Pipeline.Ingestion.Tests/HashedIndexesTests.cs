namespace Pipeline.Ingestion.Tests;

public sealed class HashedIndexesTests
{
    [Fact]
    public void Find_SameHashManyTimesAcrossGrowth_EveryIndexOfThatHashAndNoOther()
    {
        var table = new HashedIndexes();
        var stored = new Dictionary<int, List<int>>();
        for (var index = 0; index < 5_000; index++)
        {
            // Few distinct hashes, some negative, so probes run long and cross the table's end, through several doublings.
            var hash = ((index % 37) - 18) * 1_000_003;
            var probe = table.Find(hash);
            while (probe.Next(out _))
            {
            }

            probe.Insert(index);
            (stored.TryGetValue(hash, out var list) ? list : stored[hash] = []).Add(index);
        }

        foreach (var (hash, indexes) in stored)
        {
            var found = new List<int>();
            var probe = table.Find(hash);
            while (probe.Next(out var index))
            {
                found.Add(index);
            }

            Assert.Equal(indexes.Order(), found.Order());
        }

        var absent = table.Find(19 * 1_000_003);
        Assert.False(absent.Next(out var none));
        Assert.Equal(-1, none);
    }
}
