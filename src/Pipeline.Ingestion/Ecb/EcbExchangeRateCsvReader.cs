using Pipeline.Domain;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Ecb;

/// <summary>Reads the rows of the ECB reference-rate history: each filled currency cell is one rate from EUR on that day.</summary>
/// <remarks>
/// A currency the ECB did not quote that day is an empty cell or <c>N/A</c>, and is skipped without a word: the
/// published history is full of them. Any other cell must be a rate; when one is not, the whole row is bad (its
/// rates are taken back), like any row with an error. Cells are read with the same decimal rules as every format.
/// </remarks>
internal sealed class EcbExchangeRateCsvReader : IExportRowReader
{
    /// <summary>The base currency of every ECB reference rate.</summary>
    internal static readonly CurrencyCode Euro = CurrencyCode.Parse("EUR");

    private const string NotAvailable = "N/A";

    private readonly DateColumn _date;
    private readonly (CurrencyCode Quote, RateColumn Rate)[] _currencies;
    private readonly List<ExchangeRate> _rates = [];

    public EcbExchangeRateCsvReader(CsvHeader header, CsvLayout layout)
    {
        _date = new DateColumn(header.Column(CanonicalColumns.Date));
        var currencies = new List<(CurrencyCode, RateColumn)>();
        for (var ordinal = 0; ordinal < header.Normalised.Count; ordinal++)
        {
            if (EcbExchangeRateFormat.IsQuoteCurrency(header.Normalised[ordinal]))
            {
                var written = header.Written[ordinal];
                var quote = CurrencyCode.Parse(header.Normalised[ordinal]);
                var expected = string.Concat("a rate such as 1.0393 (", quote.Code, " per 1 EUR), or N/A when there is none");
                currencies.Add((quote, new RateColumn(new CsvColumn(ordinal, written), layout.DecimalCommaByDefault, expected)));
            }
        }

        _currencies = [.. currencies];
    }

    public IReadOnlyList<ExchangeRate> Rates => _rates;

    public void Read(CsvRecord record)
    {
        var date = _date.ReadRequired(record, "Date is empty: every row of the ECB history needs the day its rates were published.");
        var first = _rates.Count;
        foreach (var (quote, column) in _currencies)
        {
            var text = record.Span(column.Column);
            if (text.IsEmpty || text.Equals(NotAvailable, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (column.Read(record) is { } rate && date is { } day)
            {
                _rates.Add(new ExchangeRate(day, Euro, quote, rate) { RowNumber = record.Row });
            }
        }

        if (record.HasErrors)
        {
            _rates.RemoveRange(first, _rates.Count - first);
        }
    }
}
