using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>The schema of a revenue-lines file: one <see cref="RevenueLine"/> as a flat Parquet row (snake_case columns, enums as their names).</summary>
/// <remarks>
/// The schema of <c>revenue-lines/1</c> files, as the row serializer derives it from these properties (files written
/// row-wise through this class by earlier versions). <see cref="RevenueLineParquetWriter"/> writes
/// <c>revenue-lines/2</c>: these columns, column by column and a row group at a time, with the four amounts in 64-bit
/// columns and wide columns after them; <see cref="RevenueLineParquetReader"/> reads both. Both take the column names
/// from here.
/// </remarks>
internal sealed class LedgerLineRow
{
    public const string LineKeyColumn = "line_key";
    public const string CustomerIdColumn = "customer_id";
    public const string InvoiceIdColumn = "invoice_id";
    public const string SubscriptionIdColumn = "subscription_id";
    public const string PlanColumn = "plan";
    public const string ProductColumn = "product";
    public const string LineTypeColumn = "line_type";
    public const string QuantityColumn = "quantity";
    public const string AmountColumn = "amount";
    public const string DiscountColumn = "discount";
    public const string TaxColumn = "tax";
    public const string CurrencyColumn = "currency";
    public const string IntervalUnitColumn = "interval_unit";
    public const string IntervalCountColumn = "interval_count";
    public const string IntervalInferredColumn = "interval_inferred";
    public const string ServiceStartColumn = "service_start";
    public const string ServiceEndColumn = "service_end";
    public const string IssuedAtColumn = "issued_at";
    public const string DueAtColumn = "due_at";
    public const string StatusColumn = "status";
    public const string RefundedAtColumn = "refunded_at";
    public const string RowNumberColumn = "row_number";
    public const string OriginColumn = "origin";
    public const string SnapshotTakenAtColumn = "snapshot_taken_at";
    public const string CurrentPeriodStartColumn = "current_period_start";
    public const string CancelsAtEndColumn = "cancels_at_end";
    public const string CancellationRequestedAtColumn = "cancellation_requested_at";

    private const ParquetTimestampResolution Micros = ParquetTimestampResolution.Microseconds;

    [JsonPropertyName(LineKeyColumn), ParquetRequired] public string LineKey { get; set; } = "";

    [JsonPropertyName(CustomerIdColumn), ParquetRequired] public string CustomerId { get; set; } = "";

    [JsonPropertyName(InvoiceIdColumn)] public string? InvoiceId { get; set; }

    [JsonPropertyName(SubscriptionIdColumn)] public string? SubscriptionId { get; set; }

    [JsonPropertyName(PlanColumn)] public string? Plan { get; set; }

    [JsonPropertyName(ProductColumn)] public string? Product { get; set; }

    [JsonPropertyName(LineTypeColumn), ParquetRequired] public string LineType { get; set; } = "";

    [JsonPropertyName(QuantityColumn), ParquetDecimal(LedgerValues.DecimalPrecision, LedgerValues.DecimalScale)] public decimal Quantity { get; set; }

    [JsonPropertyName(AmountColumn), ParquetDecimal(LedgerValues.DecimalPrecision, LedgerValues.DecimalScale)] public decimal Amount { get; set; }

    [JsonPropertyName(DiscountColumn), ParquetDecimal(LedgerValues.DecimalPrecision, LedgerValues.DecimalScale)] public decimal Discount { get; set; }

    [JsonPropertyName(TaxColumn), ParquetDecimal(LedgerValues.DecimalPrecision, LedgerValues.DecimalScale)] public decimal Tax { get; set; }

    [JsonPropertyName(CurrencyColumn), ParquetRequired] public string Currency { get; set; } = "";

    [JsonPropertyName(IntervalUnitColumn)] public string? IntervalUnit { get; set; }

    [JsonPropertyName(IntervalCountColumn)] public int? IntervalCount { get; set; }

    [JsonPropertyName(IntervalInferredColumn)] public bool IntervalInferred { get; set; }

    [JsonPropertyName(ServiceStartColumn), ParquetTimestamp(Micros, true, true)] public DateTime ServiceStart { get; set; }

    [JsonPropertyName(ServiceEndColumn), ParquetTimestamp(Micros, true, true)] public DateTime? ServiceEnd { get; set; }

    [JsonPropertyName(IssuedAtColumn), ParquetTimestamp(Micros, true, true)] public DateTime? IssuedAt { get; set; }

    [JsonPropertyName(DueAtColumn), ParquetTimestamp(Micros, true, true)] public DateTime? DueAt { get; set; }

    [JsonPropertyName(StatusColumn), ParquetRequired] public string Status { get; set; } = "";

    [JsonPropertyName(RefundedAtColumn), ParquetTimestamp(Micros, true, true)] public DateTime? RefundedAt { get; set; }

    [JsonPropertyName(RowNumberColumn)] public long RowNumber { get; set; }

    [JsonPropertyName(OriginColumn), ParquetRequired] public string Origin { get; set; } = "";

    [JsonPropertyName(SnapshotTakenAtColumn), ParquetTimestamp(Micros, true, true)] public DateTime? SnapshotTakenAt { get; set; }

    [JsonPropertyName(CurrentPeriodStartColumn), ParquetTimestamp(Micros, true, true)] public DateTime? CurrentPeriodStart { get; set; }

    [JsonPropertyName(CancelsAtEndColumn)] public bool CancelsAtEnd { get; set; }

    [JsonPropertyName(CancellationRequestedAtColumn), ParquetTimestamp(Micros, true, true)] public DateTime? CancellationRequestedAt { get; set; }
}
