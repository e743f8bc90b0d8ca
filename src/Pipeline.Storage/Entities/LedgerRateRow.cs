using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>One <see cref="ExchangeRate"/> as a flat Parquet row: on <c>date</c>, 1 <c>base</c> = <c>rate</c> <c>quote</c>.</summary>
/// <remarks><c>date</c> is a Parquet <c>DATE</c>, currencies are ISO 4217 codes and <c>rate</c> an exact <c>DECIMAL(38,18)</c>.</remarks>
internal sealed class LedgerRateRow
{
    private const string RateColumn = "rate";

    [JsonPropertyName("date")] public DateOnly Date { get; set; }

    [JsonPropertyName("base"), ParquetRequired] public string Base { get; set; } = "";

    [JsonPropertyName("quote"), ParquetRequired] public string Quote { get; set; } = "";

    [JsonPropertyName(RateColumn), ParquetDecimal(LedgerValues.DecimalPrecision, LedgerValues.DecimalScale)]
    public decimal Rate { get; set; }

    [JsonPropertyName("row_number")] public long RowNumber { get; set; }

    public static LedgerRateRow From(ExchangeRate rate) => new()
    {
        Date = rate.Date,
        Base = rate.Base.Code,
        Quote = rate.Quote.Code,
        Rate = LedgerValues.Exact(rate.Rate, RateColumn, rate.RowNumber),
        RowNumber = rate.RowNumber,
    };

    public ExchangeRate ToRecord() => new(Date, CurrencyCode.Parse(Base), CurrencyCode.Parse(Quote), Rate) { RowNumber = RowNumber };
}
