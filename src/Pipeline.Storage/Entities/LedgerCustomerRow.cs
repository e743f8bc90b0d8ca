using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>One <see cref="CustomerRecord"/> as a flat Parquet row (snake_case columns).</summary>
internal sealed class LedgerCustomerRow
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

    /// <summary>Absent from batches written before <c>referred_by</c> was read; those read as null.</summary>
    [JsonPropertyName("referred_by")] public string? ReferredBy { get; set; }

    [JsonPropertyName("row_number")] public long RowNumber { get; set; }

    public static LedgerCustomerRow From(CustomerRecord customer) => new()
    {
        CustomerId = customer.CustomerId,
        Name = customer.Name,
        Email = customer.Email,
        Country = customer.Country,
        Segment = customer.Segment,
        Channel = customer.Channel,
        Campaign = customer.Campaign,
        CreatedAt = LedgerValues.ToUtc(customer.CreatedAt, "created_at", customer.RowNumber),
        ReferredBy = customer.ReferredBy,
        RowNumber = customer.RowNumber,
    };

    public CustomerRecord ToRecord() => new()
    {
        CustomerId = CustomerId,
        Name = Name,
        Email = Email,
        Country = Country,
        Segment = Segment,
        Channel = Channel,
        Campaign = Campaign,
        CreatedAt = LedgerValues.FromUtc(CreatedAt),
        ReferredBy = ReferredBy,
        RowNumber = RowNumber,
    };
}
