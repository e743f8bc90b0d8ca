using System.Text.Json;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage.Json;

namespace Pipeline.Storage.Tests;

/// <summary>The snapshot and drill-down writer gives the serializer's bytes, and they read back as the same rows.</summary>
public sealed class SnapshotJsonWriterTests
{
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    [Fact]
    public void TryWrite_Snapshot_SameBytesAsTheSerializerAndReadsBackEqual()
    {
        var rows = Snapshot(5_000);

        var written = Written(rows);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(rows, StorageJson.Options), written);
        Assert.Equal(rows, JsonSerializer.Deserialize<List<CustomerMonthEnd>>(written, StorageJson.Options));
    }

    [Fact]
    public void TryWrite_DrillDown_SameBytesAsTheSerializerAndReadsBackEqual()
    {
        var types = Enum.GetValues<MovementType>();
        var rows = Enumerable.Range(0, 3_000).Select(index => new CustomerMovement(
                $"cus_{index}",
                index % 4 == 0 ? 0m : 12.50m + index,
                index % 5 == 0 ? 0m : -0.000001m * index,
                types[index % types.Length],
                index * 1.10m,
                Delinquent: index % 7 == 0,
                SubscribedAndChurned: index % 11 == 0)
            {
                FxImpact = index % 3 == 0 ? 0m : 0.0123456789012345678m,
                Late = index % 13 == 0,
                EffectiveDate = index % 13 == 0 ? new DateOnly(2025, 1, 1).AddDays(index % 400) : null,
            })
            .ToList();

        var written = Written(rows);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(rows, StorageJson.Options), written);
        Assert.Equal(rows, JsonSerializer.Deserialize<List<CustomerMovement>>(written, StorageJson.Options));
    }

    [Fact]
    public void TryWrite_EmptyListsAndOtherDocuments()
    {
        Assert.Equal("[]"u8.ToArray(), Written(new List<CustomerMonthEnd>()));
        Assert.Equal("[]"u8.ToArray(), Written(Array.Empty<CustomerMovement>()));
        using var stream = new MemoryStream();
        Assert.False(SnapshotJsonWriter.TryWrite(stream, new List<string> { "a" }));
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void TryWrite_EveryPlainCharacterAndEachOneTheEncoderEscapes_SameBytesAsTheSerializer()
    {
        // Strings of the characters copied as they are, then each printable ASCII character and some others alone.
        string[] names =
        [
            "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 " + JsonRowBuffer.PlainCharacters,
            .. Enumerable.Range(0x20, 0x5F).Select(code => $"a{(char)code}b"),
            "\u007f", "\u0000", "\n\r\t", "é", "€", "😀", "\ud800", "",
        ];
        var rows = names.Select((name, index) => new CustomerMonthEnd(name, index, EverPaid: true) { Name = name, Segment = name }).ToList();

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(rows, StorageJson.Options), Written(rows));
    }

    [Fact]
    public void Number_DecimalsOfEveryScaleSignAndSize_SameBytesAsUtf8JsonWriter()
    {
        var random = new Random(20261207);
        List<decimal> values =
        [
            0m, 0.00m, decimal.Negate(0.00m), decimal.Negate(0m), 1m, -1m, 0.5m, -0.05m, 10m, 100.500m, decimal.MaxValue, decimal.MinValue,
            0.0000000000000000000000000001m, -0.0000000000000000000000000001m, 18446744073709551615m, 18446744073709551616m,
            1844674407370955161.5m, 0.18446744073709551615m, 123456789012345678901234567.8m,
        ];
        for (var index = 0; index < 5_000; index++)
        {
            var high = random.Next(4) == 0 ? random.Next() : 0;
            values.Add(new decimal(random.Next(), random.Next(3) == 0 ? 0 : random.Next(), high, random.Next(2) == 0, (byte)random.Next(0, 29)));
        }

        foreach (var value in values)
        {
            using var expected = new MemoryStream();
            using (var writer = new Utf8JsonWriter(expected))
            {
                writer.WriteNumberValue(value);
            }

            using var actual = new MemoryStream();
            using (var json = new JsonRowBuffer(actual))
            {
                json.Number(value);
                json.Flush();
            }

            Assert.True(
                expected.ToArray().AsSpan().SequenceEqual(actual.ToArray()),
                $"{value} (scale {value.Scale}): expected {System.Text.Encoding.ASCII.GetString(expected.ToArray())}, wrote {System.Text.Encoding.ASCII.GetString(actual.ToArray())}");
        }
    }

    [Fact]
    public void TryWrite_AValueLargerThanTheBuffer_IsWrittenWhole()
    {
        var name = new string('x', 200_000) + "<&>";
        List<CustomerMonthEnd> rows = [new("a", 1m, EverPaid: true) { Name = name }, new("b", 2m, EverPaid: true) { Name = name[..100_000] }];

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(rows, StorageJson.Options), Written(rows));
    }

    private static byte[] Written<T>(T value)
    {
        using var stream = new MemoryStream();
        Assert.True(SnapshotJsonWriter.TryWrite(stream, value));
        return stream.ToArray();
    }

    /// <summary>Rows with and without parts, cohorts and attributes, names that need escaping, and decimals of every scale.</summary>
    private static List<CustomerMonthEnd> Snapshot(int count) =>
        Enumerable.Range(0, count).Select(index => new CustomerMonthEnd(
                index % 17 == 0 ? $"cus <&> \"ü\" {index}" : $"cus_{index:D6}",
                (index % 9) switch
                {
                    0 => 0m,
                    1 => -12.5m - index,
                    2 => 7922816251426433759354395.0335m + index,
                    3 => decimal.Negate(0.00m),
                    _ => 100.5000m + (index * 0.001m),
                },
                index % 6 != 1)
            {
                Parts = index % 6 == 0
                    ? []
                    : [
                        new MrrPart(index % 2 == 0 ? "pro" : null, index % 3 == 0 ? null : "Product +/é", Eur, 80.50m, 80.50m),
                        new MrrPart("add-on", "seats", Usd, 22.1234567890123456789m, 20.0000000000000000001m + (index * 0.001m)),
                    ],
                CohortMonth = index % 6 == 0 ? null : new BillingMonth(2020 + (index % 5), 1 + (index % 12)),
                Name = index % 4 == 0 ? null : $"Name {index} B.V. — «quoted»",
                Country = index % 3 == 0 ? null : "NL",
                Channel = index % 5 == 0 ? null : "ads\tgoogle",
                Segment = index % 2 == 0 ? null : "SMB",
            })
            .ToList();
}
