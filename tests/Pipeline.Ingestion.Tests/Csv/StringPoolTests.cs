using System.Globalization;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Tests.Csv;

public sealed class StringPoolTests
{
    [Fact]
    public void Get_SameValueAgain_SameInstance()
    {
        var pool = new StringPool();

        var first = pool.Get("sub_1".AsSpan());
        var other = pool.Get("sub_2".AsSpan());
        var again = pool.Get(new string("sub_1".AsSpan()).AsSpan());

        Assert.Equal(("sub_1", "sub_2"), (first, other));
        Assert.Same(first, again);
        Assert.NotSame(first, other);
    }

    [Fact]
    public void Get_ManyValuesInRandomOrder_EachValueKeepsItsOwnInstanceThroughGrowth()
    {
        var pool = new StringPool();
        var values = Enumerable.Range(0, 50_000).Select(number => string.Create(CultureInfo.InvariantCulture, $"sub_{number}")).ToArray();
        var first = values.Select(value => pool.Get(value.AsSpan())).ToArray();
        var random = new Random(7);

        for (var lookup = 0; lookup < 200_000; lookup++)
        {
            var index = random.Next(values.Length);
            var pooled = pool.Get(values[index].ToCharArray());
            Assert.Equal(values[index], pooled);
            Assert.Same(first[index], pooled);
        }
    }

    [Fact]
    public void Get_PoolFull_NewValuesAreStillRight()
    {
        var pool = new StringPool();
        for (var number = 0; number < 70_000; number++)
        {
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"id_{number}"), pool.Get(string.Create(CultureInfo.InvariantCulture, $"id_{number}").AsSpan()));
        }

        var pooled = pool.Get("id_5".AsSpan());
        var unpooledOnce = pool.Get("id_69999".AsSpan());
        pool.Get("id_1".AsSpan());
        var unpooledTwice = pool.Get("id_69999".AsSpan());

        Assert.Same(pooled, pool.Get("id_5".ToCharArray()));
        Assert.Equal(("id_69999", "id_69999"), (unpooledOnce, unpooledTwice));
        Assert.NotSame(unpooledOnce, unpooledTwice);
    }
}
