using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>One <see cref="InvoiceDocument"/> as a flat Parquet row (snake_case columns, the status as its name).</summary>
/// <remarks>
/// Instants are <c>TIMESTAMP(MICROS, UTC)</c>, <c>total</c> an exact <c>DECIMAL(38,18)</c> and <c>currency</c> the
/// ISO 4217 code, both null when the source does not give them (<see cref="LedgerValues"/>).
/// </remarks>
internal sealed class LedgerDocumentRow
{
    private const ParquetTimestampResolution Micros = ParquetTimestampResolution.Microseconds;
    private const string IssuedAtColumn = "issued_at";
    private const string DueAtColumn = "due_at";
    private const string StatusChangedAtColumn = "status_changed_at";
    private const string TotalColumn = "total";

    [JsonPropertyName("invoice_id"), ParquetRequired] public string InvoiceId { get; set; } = "";

    [JsonPropertyName("number")] public string? Number { get; set; }

    [JsonPropertyName("customer_id")] public string? CustomerId { get; set; }

    [JsonPropertyName("subscription_id")] public string? SubscriptionId { get; set; }

    [JsonPropertyName("status"), ParquetRequired] public string Status { get; set; } = "";

    [JsonPropertyName(IssuedAtColumn), ParquetTimestamp(Micros, true, true)] public DateTime? IssuedAt { get; set; }

    [JsonPropertyName(DueAtColumn), ParquetTimestamp(Micros, true, true)] public DateTime? DueAt { get; set; }

    [JsonPropertyName(StatusChangedAtColumn), ParquetTimestamp(Micros, true, true)] public DateTime? StatusChangedAt { get; set; }

    [JsonPropertyName("currency")] public string? Currency { get; set; }

    [JsonPropertyName(TotalColumn), ParquetDecimal(LedgerValues.DecimalPrecision, LedgerValues.DecimalScale)]
    public decimal? Total { get; set; }

    [JsonPropertyName("row_number")] public long RowNumber { get; set; }

    public static LedgerDocumentRow From(InvoiceDocument document)
    {
        var row = document.RowNumber;
        return new()
        {
            InvoiceId = document.InvoiceId,
            Number = document.Number,
            CustomerId = document.CustomerId,
            SubscriptionId = document.SubscriptionId,
            Status = document.Status.ToString(),
            IssuedAt = LedgerValues.ToUtc(document.IssuedAt, IssuedAtColumn, row),
            DueAt = LedgerValues.ToUtc(document.DueAt, DueAtColumn, row),
            StatusChangedAt = LedgerValues.ToUtc(document.StatusChangedAt, StatusChangedAtColumn, row),
            Currency = document.Currency?.Code,
            Total = document.Total is { } total ? LedgerValues.Exact(total, TotalColumn, row) : null,
            RowNumber = row,
        };
    }

    public InvoiceDocument ToRecord() => new()
    {
        InvoiceId = InvoiceId,
        Number = Number,
        CustomerId = CustomerId,
        SubscriptionId = SubscriptionId,
        Status = Enum.Parse<DocumentStatus>(Status),
        IssuedAt = LedgerValues.FromUtc(IssuedAt),
        DueAt = LedgerValues.FromUtc(DueAt),
        StatusChangedAt = LedgerValues.FromUtc(StatusChangedAt),
        Currency = Currency is null ? null : CurrencyCode.Parse(Currency),
        Total = Total,
        RowNumber = RowNumber,
    };
}
