using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>One <see cref="SpendRecord"/> as a flat Parquet row (snake_case columns).</summary>
/// <remarks>
/// <c>date</c> is a Parquet <c>DATE</c> (null for monthly spend), <c>month</c> is <c>yyyy-MM</c>, <c>currency</c> the
/// ISO 4217 code and <c>amount</c> an exact <c>DECIMAL(38,18)</c> (<see cref="LedgerValues"/>).
/// </remarks>
internal sealed class LedgerSpendRow
{
    private const string AmountColumn = "amount";

    [JsonPropertyName("date")] public DateOnly? Date { get; set; }

    [JsonPropertyName("month"), ParquetRequired] public string Month { get; set; } = "";

    [JsonPropertyName("channel"), ParquetRequired] public string Channel { get; set; } = "";

    [JsonPropertyName("campaign")] public string? Campaign { get; set; }

    [JsonPropertyName(AmountColumn), ParquetDecimal(LedgerValues.DecimalPrecision, LedgerValues.DecimalScale)]
    public decimal Amount { get; set; }

    [JsonPropertyName("currency"), ParquetRequired] public string Currency { get; set; } = "";

    [JsonPropertyName("paid")] public bool Paid { get; set; }

    [JsonPropertyName("row_number")] public long RowNumber { get; set; }

    public static LedgerSpendRow From(SpendRecord spend) => new()
    {
        Date = spend.Date,
        Month = spend.Month.ToString(),
        Channel = spend.Channel,
        Campaign = spend.Campaign,
        Amount = LedgerValues.Exact(spend.Amount, AmountColumn, spend.RowNumber),
        Currency = spend.Currency.Code,
        Paid = spend.Paid,
        RowNumber = spend.RowNumber,
    };

    public SpendRecord ToRecord() => new()
    {
        Date = Date,
        Month = BillingMonth.Parse(Month),
        Channel = Channel,
        Campaign = Campaign,
        Amount = Amount,
        Currency = CurrencyCode.Parse(Currency),
        Paid = Paid,
        RowNumber = RowNumber,
    };
}
