using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>One <see cref="MoneyMovement"/> as a flat Parquet row (snake_case columns, the type as its name).</summary>
/// <remarks>
/// <c>amount</c> is a signed, exact <c>DECIMAL(38,18)</c> in major units, <c>currency</c> the ISO 4217 code and
/// <c>occurred_at</c> a <c>TIMESTAMP(MICROS, UTC)</c> (<see cref="LedgerValues"/>).
/// </remarks>
internal sealed class LedgerMovementRow
{
    private const string AmountColumn = "amount";
    private const string OccurredAtColumn = "occurred_at";

    [JsonPropertyName("movement_key"), ParquetRequired] public string MovementKey { get; set; } = "";

    [JsonPropertyName("type"), ParquetRequired] public string Type { get; set; } = "";

    [JsonPropertyName("customer_id")] public string? CustomerId { get; set; }

    [JsonPropertyName("invoice_id")] public string? InvoiceId { get; set; }

    [JsonPropertyName("related_movement_key")] public string? RelatedMovementKey { get; set; }

    [JsonPropertyName(AmountColumn), ParquetDecimal(LedgerValues.DecimalPrecision, LedgerValues.DecimalScale)]
    public decimal Amount { get; set; }

    [JsonPropertyName("currency"), ParquetRequired] public string Currency { get; set; } = "";

    [JsonPropertyName(OccurredAtColumn), ParquetTimestamp(ParquetTimestampResolution.Microseconds, true, true)]
    public DateTime OccurredAt { get; set; }

    [JsonPropertyName("timing_estimated")] public bool TimingEstimated { get; set; }

    [JsonPropertyName("status")] public string? Status { get; set; }

    [JsonPropertyName("is_full_refund")] public bool IsFullRefund { get; set; }

    [JsonPropertyName("row_number")] public long RowNumber { get; set; }

    public static LedgerMovementRow From(MoneyMovement movement) => new()
    {
        MovementKey = movement.MovementKey,
        Type = movement.Type.ToString(),
        CustomerId = movement.CustomerId,
        InvoiceId = movement.InvoiceId,
        RelatedMovementKey = movement.RelatedMovementKey,
        Amount = LedgerValues.Exact(movement.Amount, AmountColumn, movement.RowNumber),
        Currency = movement.Currency.Code,
        OccurredAt = LedgerValues.ToUtc(movement.OccurredAt, OccurredAtColumn, movement.RowNumber),
        TimingEstimated = movement.TimingEstimated,
        Status = movement.Status,
        IsFullRefund = movement.IsFullRefund,
        RowNumber = movement.RowNumber,
    };

    public MoneyMovement ToRecord() => new()
    {
        MovementKey = MovementKey,
        Type = Enum.Parse<MoneyMovementType>(Type),
        CustomerId = CustomerId,
        InvoiceId = InvoiceId,
        RelatedMovementKey = RelatedMovementKey,
        Amount = Amount,
        Currency = CurrencyCode.Parse(Currency),
        OccurredAt = LedgerValues.FromUtc(OccurredAt),
        TimingEstimated = TimingEstimated,
        Status = Status,
        IsFullRefund = IsFullRefund,
        RowNumber = RowNumber,
    };
}
