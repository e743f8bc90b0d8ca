namespace Pipeline.Domain.Metrics;

/// <summary>The month-end rates <c>r_m</c> of one close, looked up once per currency and then reused.</summary>
/// <remarks>
/// A close converts every customer's parts; asking <see cref="ExchangeRateTable"/> each time would search rate
/// histories millions of times. Rates are fetched on first use only, so a currency that no customer uses this month
/// never needs a rate, and a currency that is used but has none fails the month with
/// <see cref="MissingExchangeRateException"/> (a half-converted month must never be locked). The reporting
/// currency converts at exactly 1.
/// </remarks>
internal sealed class MonthRates
{
    private readonly ExchangeRateTable _table;
    private readonly CurrencyCode _reporting;
    private readonly BillingMonth _month;
    private readonly CurrencyCode[] _ledgerCurrencies;
    private readonly decimal[] _ledgerRates;
    private readonly List<(CurrencyCode Currency, decimal Rate)> _others = [];

    public MonthRates(ExchangeRateTable table, CurrencyCode reporting, BillingMonth month, CurrencyCode[] ledgerCurrencies)
    {
        (_table, _reporting, _month, _ledgerCurrencies) = (table, reporting, month, ledgerCurrencies);
        _ledgerRates = new decimal[ledgerCurrencies.Length];
    }

    public CurrencyCode Reporting => _reporting;

    /// <summary>The rate of the ledger currency with this index (<see cref="MrrPartCatalog.Currencies"/>).</summary>
    /// <exception cref="MissingExchangeRateException">No rate on or before the month's end.</exception>
    public decimal Of(int ledgerCurrency)
    {
        var rate = _ledgerRates[ledgerCurrency];
        return rate > 0m ? rate : _ledgerRates[ledgerCurrency] = Fetch(_ledgerCurrencies[ledgerCurrency]);
    }

    /// <exception cref="MissingExchangeRateException">No rate on or before the month's end.</exception>
    public decimal Of(CurrencyCode currency)
    {
        var ledgerCurrency = Array.IndexOf(_ledgerCurrencies, currency);
        if (ledgerCurrency >= 0)
        {
            return Of(ledgerCurrency);
        }

        foreach (var (other, rate) in _others)
        {
            if (other == currency)
            {
                return rate;
            }
        }

        var fetched = Fetch(currency);
        _others.Add((currency, fetched));
        return fetched;
    }

    /// <summary>Like <see cref="Of(int)"/>, without failing: for figures that may be unknown (CMRR).</summary>
    public bool TryOf(int ledgerCurrency, out decimal rate)
    {
        rate = _ledgerRates[ledgerCurrency];
        return rate > 0m || _table.TryGetRate(_ledgerCurrencies[ledgerCurrency], _reporting, _month.LastDay, out rate);
    }

    /// <summary>Converts a customer's native parts at these rates; <paramref name="mrr"/> is their sum.</summary>
    public ValueList<MrrPart> Convert(ReadOnlySpan<PartAmount> parts, MrrPartCatalog catalog, out decimal mrr)
    {
        mrr = 0m;
        if (parts.IsEmpty)
        {
            return ValueList<MrrPart>.Empty;
        }

        var converted = new MrrPart[parts.Length];
        for (var index = 0; index < parts.Length; index++)
        {
            var (part, native) = parts[index];
            var key = catalog.Keys[part];
            converted[index] = new MrrPart(key.Plan, key.Product, key.Currency, native, native * Of(catalog.CurrencyIndexes[part]));
            mrr += converted[index].Mrr;
        }

        return new ValueList<MrrPart>(converted);
    }

    private decimal Fetch(CurrencyCode currency) => currency == _reporting ? 1m : _table.RateAt(currency, _reporting, _month);
}
