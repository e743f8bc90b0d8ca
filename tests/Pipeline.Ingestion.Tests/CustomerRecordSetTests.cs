using System.Globalization;
using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests;

public sealed class CustomerRecordSetTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Fact]
    public void Add_LaterRecord_UpdatesFieldByFieldAndTakesItsRow()
    {
        var set = new CustomerRecordSet();
        var created = new DateTimeOffset(2024, 3, 31, 23, 30, 0, TimeSpan.FromHours(-9.5));

        set.Add(new CustomerRecord
        {
            CustomerId = "cus_1", Name = "Acme BV", Email = "billing@acme.nl", Country = "NL", Segment = "smb", Channel = "organic",
            Campaign = "spring", CreatedAt = created, ReferredBy = "cus_9", RowNumber = 2,
        });
        set.Add(new CustomerRecord { CustomerId = "cus_2", RowNumber = 3 });
        set.Add(new CustomerRecord { CustomerId = "cus_1", Country = "BE", Segment = "mid-market", RowNumber = 4 });

        Assert.Equal(
            [
                new CustomerRecord
                {
                    CustomerId = "cus_1", Name = "Acme BV", Email = "billing@acme.nl", Country = "BE", Segment = "mid-market",
                    Channel = "organic", Campaign = "spring", CreatedAt = created, ReferredBy = "cus_9", RowNumber = 4,
                },
                new CustomerRecord { CustomerId = "cus_2", RowNumber = 3 },
            ],
            set.Records);
        Assert.Equal(created.Offset, set.Records[0].CreatedAt!.Value.Offset);
    }

    [Fact]
    public void Id_SeenWithoutRecordThenRecorded_KnownRecordAndItsValues()
    {
        var set = new CustomerRecordSet();

        var first = set.Id("klant_ë", out var before);
        set.Add(new CustomerRecord { CustomerId = "klant_ë", Name = "Zoë", RowNumber = 5 });
        var again = set.Id("klant_ë".AsSpan(), out var after);

        Assert.Equal((CustomerRecordSet.NoRecord, 0), (before, after));
        Assert.Same(first, again);
        Assert.Equal("Zoë", set.Value(after, CustomerRecordSet.Field.Name, out var named).ToString());
        Assert.True(named);
        Assert.True(set.Value(after, CustomerRecordSet.Field.Email, out var mailed).IsEmpty);
        Assert.False(mailed);
        Assert.Equal([new CustomerRecord { CustomerId = "klant_ë", Name = "Zoë", RowNumber = 5 }], set.Records);
    }

    [Fact]
    public void Add_ValueLongerThanATextBlock_KeptWhole()
    {
        var set = new CustomerRecordSet();
        var name = string.Concat(Enumerable.Repeat("Lange Naam ", 20_000));
        var id = new string('x', 70_000);

        set.Add(new CustomerRecord { CustomerId = "cus_1", Name = "short", RowNumber = 2 });
        set.Add(new CustomerRecord { CustomerId = id, Name = name, RowNumber = 3 });
        set.Add(new CustomerRecord { CustomerId = "cus_1", Email = "a@b.nl", RowNumber = 4 });

        Assert.Equal(
            [
                new CustomerRecord { CustomerId = "cus_1", Name = "short", Email = "a@b.nl", RowNumber = 4 },
                new CustomerRecord { CustomerId = id, Name = name, RowNumber = 3 },
            ],
            set.Records);
    }

    [Fact]
    public void Add_TensOfThousandsInRandomOrder_SameAsMergingRecordObjects()
    {
        // More than two blocks of entries (8,192 each) and many blocks of text (64 Ki characters), with updates of
        // every field and creation dates over the whole range of offsets.
        var random = new Random(7);
        var set = new CustomerRecordSet();
        var expected = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var row = 2; row < 60_000; row++)
        {
            var id = string.Create(Inv, $"cus_{random.Next(20_000):D6}{(random.Next(7) == 0 ? "_é" : "")}");
            string? Maybe(string value) => random.Next(3) == 0 ? value : null;
            var record = new CustomerRecord
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
            set.Add(record);
            if (expected.TryGetValue(id, out var earlier))
            {
                expected[id] = record.UpdateOf(earlier);
            }
            else
            {
                expected[id] = record;
                order.Add(id);
            }
        }

        Assert.Equal(order.Select(id => expected[id]), set.Records);
        Assert.InRange(order.Count, (2 * 8_192) + 1, 40_000);
        Assert.Equal(order.Count, set.Records.Count);
        Assert.Equal(expected[order[^1]], set.Records[^1]);
    }
}
