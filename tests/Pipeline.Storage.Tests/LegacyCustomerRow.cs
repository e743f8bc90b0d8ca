using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Pipeline.Storage.Tests;

/// <summary>A customer row as batches were written before <c>referred_by</c> was read: the same columns without it.</summary>
internal sealed class LegacyCustomerRow
{
    [JsonPropertyName("customer_id"), ParquetRequired] public string CustomerId { get; set; } = "";

    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("email")] public string? Email { get; set; }

    [JsonPropertyName("country")] public string? Country { get; set; }

    [JsonPropertyName("segment")] public string? Segment { get; set; }

    [JsonPropertyName("channel")] public string? Channel { get; set; }

    [JsonPropertyName("campaign")] public string? Campaign { get; set; }

    [JsonPropertyName("created_at"), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime? CreatedAt { get; set; }

    [JsonPropertyName("row_number")] public long RowNumber { get; set; }
}
