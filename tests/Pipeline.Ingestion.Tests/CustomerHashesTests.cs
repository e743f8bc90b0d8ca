namespace Pipeline.Ingestion.Tests;

public sealed class CustomerHashesTests
{
    [Fact]
    public void Store_ManyCustomersThroughGrowth_EachKeepsItsLastValues()
    {
        // 300,000 customers grow every part of the table many times; a part is found by the top byte, a slot by the low bits.
        var table = new CustomerHashes();
        var random = new Random(11);
        var ids = Enumerable.Range(0, 300_000).Select(_ => unchecked((ulong)random.NextInt64() * 2654435761UL)).Distinct().ToArray();
        foreach (var id in ids)
        {
            Assert.True(table.Differs(id, id ^ 1));
            Assert.True(table.Store(id, id ^ 1));
        }

        foreach (var id in ids.Where((_, index) => index % 3 == 0))
        {
            Assert.False(table.Store(id, id ^ 2));
        }

        Assert.Equal(ids.Length, table.Count);
        Assert.All(ids.Select((id, index) => (id, index)), pair =>
        {
            var values = pair.id ^ (pair.index % 3 == 0 ? 2UL : 1UL);
            Assert.False(table.Differs(pair.id, values));
            Assert.True(table.Differs(pair.id, values ^ 4));
        });
        Assert.InRange(table.Bytes / table.Count, 16, 37);
    }

    [Fact]
    public void Prefetch_AnyIdBeforeOrAfterStoring_ChangesNothing()
    {
        var table = new CustomerHashes();
        table.Prefetch(42);
        Assert.True(table.Store(42, 7));
        foreach (var id in new ulong[] { 0, 1, 42, 43, ulong.MaxValue })
        {
            table.Prefetch(id);
        }

        Assert.Equal(1, table.Count);
        Assert.False(table.Differs(42, 7));
        Assert.True(table.Differs(43, 7));
    }

    [Fact]
    public void Store_IdHashZeroAndOne_ShareASlot()
    {
        var table = new CustomerHashes();

        Assert.True(table.Store(0, 5));
        Assert.False(table.Differs(1, 5));
        Assert.False(table.Store(1, 6));
        Assert.True(table.Differs(0, 5));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Differs_TopBytesAlikeLowBitsAlike_ProbesPastOthers()
    {
        // Ids in one part with the same low bits land on one slot and are found past each other.
        var table = new CustomerHashes();
        var ids = Enumerable.Range(1, 40).Select(index => (0xAB00_0000_0000_0000UL) | ((ulong)index << 20) | 0x7).ToArray();
        foreach (var id in ids)
        {
            table.Store(id, id);
        }

        Assert.All(ids, id => Assert.False(table.Differs(id, id)));
        Assert.True(table.Differs(0xAB00_0000_0000_0007UL, 0));
        Assert.Equal(40, table.Count);
    }
}
