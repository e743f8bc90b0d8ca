using System.Globalization;
using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests;

public sealed class CustomerRecordStreamTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Fact]
    public async Task Add_ChangedValuesHandedOnRepeatsDropped_MergedLaterOverEarlier()
    {
        var stream = new CustomerRecordStream();
        var created = new DateTimeOffset(2024, 3, 31, 23, 30, 0, TimeSpan.FromHours(-9.5));
        var first = new CustomerRecord
        {
            CustomerId = "cus_1", Name = "Acme BV", Email = "billing@acme.nl", Country = "NL", Segment = "smb", Channel = "organic",
            Campaign = "spring", CreatedAt = created, ReferredBy = "cus_9", RowNumber = 2,
        };
        var moved = new CustomerRecord { CustomerId = "cus_1", Country = "BE", Segment = "mid-market", RowNumber = 4 };

        stream.Add(first);
        stream.Add(new CustomerRecord { CustomerId = "cus_2", RowNumber = 3 });
        stream.Add(moved);
        stream.Add(moved with { RowNumber = 5 });
        stream.Add(new CustomerRecord { CustomerId = "cus_2", RowNumber = 6 });
        stream.Add(first with { CreatedAt = created.ToOffset(TimeSpan.Zero), RowNumber = 7 });

        var handedOn = stream.Take();
        Assert.Equal([2L, 3, 4, 7], handedOn.Select(record => record.RowNumber));
        Assert.Equal((2, 0), (stream.Customers, stream.Pending));
        var merge = new CustomerMerge();
        await merge.AddAsync(handedOn, CancellationToken.None);
        Assert.Equal(
            [
                first with { CreatedAt = created.ToOffset(TimeSpan.Zero), RowNumber = 7 },
                new CustomerRecord { CustomerId = "cus_2", RowNumber = 3 },
            ],
            merge.Records);
    }

    [Fact]
    public void Id_SameCustomerOnConsecutiveRows_SameString()
    {
        var stream = new CustomerRecordStream();

        var first = stream.Id("klant_ë");
        var again = stream.Id("klant_ë".AsSpan());
        var other = stream.Id("klant_e");
        var back = stream.Id("klant_ë");

        Assert.Same(first, again);
        Assert.Equal(("klant_e", "klant_ë"), (other, back));
        Assert.NotSame(first, back);
    }

    [Fact]
    public void Changes_ValuesOfAnotherCustomerOrField_Differ()
    {
        var stream = new CustomerRecordStream();
        var values = Hash("cus_1", (1, "a@example.com"));
        Assert.True(stream.Changes("cus_1", values, out var id));
        stream.Add(new CustomerRecord { CustomerId = "cus_1", Email = "a@example.com", RowNumber = 2 }, id, values);

        Assert.False(stream.Changes("cus_1", Hash("cus_1", (1, "A@Example.COM")), out _));
        Assert.True(stream.Changes("cus_1", Hash("cus_1", (0, "a@example.com")), out _));
        Assert.True(stream.Changes("cus_2", Hash("cus_2", (1, "a@example.com")), out _));
        Assert.True(stream.Changes("cus_1", Hash("cus_1", (1, "a@example.com"), (3, "smb")), out _));
    }

    [Fact]
    public void Changes_SameCustomerAsTheRowBefore_AnsweredByWhatThatRowLeftNotWhatItAsked()
    {
        var stream = new CustomerRecordStream();
        var id = stream.Id("cus_1");
        var values = Hash(id, (1, "a@example.com"));

        // The row asking first failed (nothing added): the next row of the same customer and values still changes it.
        Assert.True(stream.Changes(id, values, out _));
        Assert.True(stream.Changes(stream.Id("cus_1"), values, out var hash));
        stream.Add(new CustomerRecord { CustomerId = id, Email = "a@example.com", RowNumber = 3 }, hash, values);

        Assert.False(stream.Changes(stream.Id("cus_1"), values, out _));
        Assert.True(stream.Changes(stream.Id("cus_1"), Hash(id, (1, "b@example.com")), out _));
        Assert.True(stream.Changes(stream.Id("cus_2"), Hash("cus_2", (1, "a@example.com")), out _));
        Assert.False(stream.Changes(stream.Id("cus_1"), values, out _));
    }

    [Fact]
    public async Task Add_TensOfThousandsInRandomOrder_MergedAsEveryRecordMerged()
    {
        // Updates of every field, creation dates over the whole range of offsets, repeats of a customer's last values.
        var random = new Random(7);
        var stream = new CustomerRecordStream();
        var merge = new CustomerMerge();
        var expected = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);
        var last = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);
        var order = new List<string>();
        var added = 0;
        for (var row = 2; row < 60_000; row++)
        {
            var id = string.Create(Inv, $"cus_{random.Next(20_000):D6}{(random.Next(7) == 0 ? "_é" : "")}");
            string? Maybe(string value) => random.Next(3) == 0 ? value : null;
            var record = random.Next(4) == 0 && last.TryGetValue(id, out var repeated)
                ? repeated with { RowNumber = row }
                : new CustomerRecord
                {
                    CustomerId = id,
                    Name = Maybe(string.Create(Inv, $"Customer {random.Next(100_000)}")),
                    Email = Maybe(string.Create(Inv, $"c{random.Next(100_000)}@example.com")),
                    Country = Maybe(random.Next(2) == 0 ? "NL" : "DE"),
                    Segment = Maybe("smb"),
                    Channel = Maybe("google_ads"),
                    Campaign = Maybe(new string('c', random.Next(1, 40))),
                    CreatedAt = random.Next(4) == 0
                        ? new DateTimeOffset(random.NextInt64(DateTime.MaxValue.Ticks / 2), TimeSpan.FromMinutes(random.Next(-14 * 4, 14 * 4) * 15))
                        : null,
                    ReferredBy = Maybe("cus_x"),
                    RowNumber = row,
                };
            stream.Add(record);
            last[id] = record;
            added++;
            if (expected.TryGetValue(id, out var earlier))
            {
                expected[id] = record.UpdateOf(earlier);
            }
            else
            {
                expected[id] = record;
                order.Add(id);
            }

            if (stream.Pending >= 1_000)
            {
                await merge.AddAsync(stream.Take(), CancellationToken.None);
            }
        }

        var handedOn = stream.Pending;
        await merge.AddAsync(stream.Take(), CancellationToken.None);

        // The rows differ only where a repeat was dropped: its record keeps the row of the record it repeats.
        Assert.Equal(order.Select(id => expected[id] with { RowNumber = 0 }), merge.Records.Select(record => record with { RowNumber = 0 }));
        Assert.Equal(order.Count, stream.Customers);
        Assert.True(handedOn < 1_000);
        Assert.InRange(stream.Bytes / stream.Customers, 16, 37);
    }

    private static ulong Hash(string id, params (int Field, string Value)[] values)
    {
        var hash = new CustomerValuesHash(id);
        foreach (var (field, value) in values)
        {
            hash.Add(field, value, field == 1 ? CaseFold.Lower : CaseFold.None);
        }

        return hash.Value;
    }
}
