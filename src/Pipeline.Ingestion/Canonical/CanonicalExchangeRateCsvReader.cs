using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads the rows of a canonical exchange-rates file (EXPORTS.md A4): on <c>date</c>, 1 <c>base</c> = <c>rate</c> <c>quote</c>.</summary>
/// <remarks>
/// Every row is kept, repeats included: for one pair and day the rate listed last wins when rates are looked up
/// (<see cref="Domain.Metrics.ExchangeRateTable"/>), which is the same rule applied later, across files.
/// A rate from a currency into itself says nothing, so base and quote must differ.
/// </remarks>
internal sealed class CanonicalExchangeRateCsvReader(CsvHeader header, CsvLayout layout) : IExportRowReader
{
    private const string RateExpected = "a number such as 1.0393: how many units of quote one unit of base buys";

    private readonly DateColumn _date = new(header.Column(CanonicalColumns.Date));
    private readonly CurrencyColumn _base = new(header.Column(CanonicalColumns.Base), reportingCurrency: null,
        "base is empty: every rate needs the ISO 4217 code of the currency it converts from, such as EUR.");
    private readonly CurrencyColumn _quote = new(header.Column(CanonicalColumns.Quote), reportingCurrency: null,
        "quote is empty: every rate needs the ISO 4217 code of the currency it converts into, such as USD.");
    private readonly RateColumn _rate = new(header.Column(CanonicalColumns.Rate), layout.DecimalCommaByDefault, RateExpected);
    private readonly CsvColumn _quoteColumn = header.Column(CanonicalColumns.Quote);
    private readonly List<ExchangeRate> _rates = [];

    public IReadOnlyList<ExchangeRate> Rates => _rates;

    public void Read(CsvRecord record)
    {
        var date = _date.ReadRequired(record, "date is empty: every rate needs the day it was published, as yyyy-MM-dd.");
        var from = _base.Read(record);
        var to = _quote.Read(record);
        var rate = _rate.ReadRequired(record, "rate is empty: every row needs the rate, such as 1.0393.");
        if (from is { } fromCode && to is { } toCode && fromCode == toCode)
        {
            record.Fail(_quoteColumn, string.Concat("quote ", toCode.Code,
                " is the same currency as base: a rate converts one currency into another."));
        }

        if (record.HasErrors || date is null || from is null || to is null || rate is null)
        {
            return;
        }

        _rates.Add(new ExchangeRate(date.Value, from.Value, to.Value, rate.Value) { RowNumber = record.Row });
    }
}
