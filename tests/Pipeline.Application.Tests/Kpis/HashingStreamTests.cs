using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Kpis;

/// <summary>A provisional month's fingerprint is hashed as it is serialised, and must stay the hash earlier versions stored.</summary>
public sealed class HashingStreamTests
{
    [Fact]
    public void Serialize_IntoTheHash_SameHashAsOverTheSerialisedArraysOfEachDocument()
    {
        // Documents large enough that the serializer flushes into the stream many times (~4 MB).
        var rows = Enumerable.Range(0, 40_000)
            .Select(index => new Row($"cus_{index:D6}", 1234.5678m * index / 7m, index % 3 == 0 ? null : "Ñandú \"plan\"", new BillingMonth(2025, index % 12 + 1)))
            .ToList();
        var options = new JsonSerializerOptions { IncludeFields = false };
        var head = new Row("head", 0.10m, "x", new BillingMonth(2026, 1));

        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        expected.AppendData(JsonSerializer.SerializeToUtf8Bytes(head, options));
        expected.AppendData(JsonSerializer.SerializeToUtf8Bytes(rows, options));
        expected.AppendData(JsonSerializer.SerializeToUtf8Bytes(Array.Empty<Row>(), options));
        using var streamed = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var sink = new HashingStream(streamed))
        {
            JsonSerializer.Serialize(sink, head, options);
            JsonSerializer.Serialize(sink, rows, options);
            JsonSerializer.Serialize(sink, Array.Empty<Row>(), options);
        }

        var hash = Convert.ToHexStringLower(streamed.GetHashAndReset());
        Assert.Equal(Convert.ToHexStringLower(expected.GetHashAndReset()), hash);
        Assert.Equal(64, hash.Length);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData([])), hash);
    }

    private sealed record Row(string CustomerId, decimal Mrr, string? Plan, BillingMonth Month);
}
