namespace Pipeline.Domain.Metrics;

/// <summary>The exchange rates a tenant dropped, answering "the rate from X to Y at the end of month m".</summary>
/// <remarks>
/// The month-end rate is the last rate published on or before the month's last day (EXPORTS.md A4). A pair is found
/// directly, inverted (1 ÷ rate), or crossed through one intermediate currency (ECB files quote everything per
/// 1 EUR, so USD→GBP is EUR→GBP ÷ EUR→USD). Converting a currency into itself is always 1. For one pair and day the
/// rate listed last wins, so a corrected rates file dropped later replaces the earlier rate.
/// </remarks>
public sealed class ExchangeRateTable
{
    private readonly Dictionary<(CurrencyCode Base, CurrencyCode Quote), SortedList<DateOnly, decimal>> _pairs = [];

    public ExchangeRateTable(IEnumerable<ExchangeRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        foreach (var rate in rates)
        {
            if (rate.Rate <= 0m || rate.Base == rate.Quote)
            {
                continue;
            }

            if (!_pairs.TryGetValue((rate.Base, rate.Quote), out var history))
            {
                history = [];
                _pairs.Add((rate.Base, rate.Quote), history);
            }

            history[rate.Date] = rate.Rate;
        }
    }

    public static ExchangeRateTable Empty { get; } = new([]);

    /// <summary>How many currency pairs have at least one rate.</summary>
    public int PairCount => _pairs.Count;

    /// <summary>The rate to convert 1 <paramref name="from"/> into <paramref name="to"/> at the end of <paramref name="month"/>.</summary>
    /// <exception cref="MissingExchangeRateException">No rate on or before the month's last day.</exception>
    public decimal RateAt(CurrencyCode from, CurrencyCode to, BillingMonth month) =>
        TryGetRate(from, to, month.LastDay, out var rate) ? rate : throw new MissingExchangeRateException(from, to, month);

    /// <summary>The last rate on or before <paramref name="day"/>: direct, inverted, or crossed through one currency.</summary>
    public bool TryGetRate(CurrencyCode from, CurrencyCode to, DateOnly day, out decimal rate)
    {
        if (from == to)
        {
            rate = 1m;
            return true;
        }

        if (TryDirectOrInverse(from, to, day, out rate))
        {
            return true;
        }

        foreach (var via in Intermediates(from, to))
        {
            if (TryDirectOrInverse(from, via, day, out var first) && TryDirectOrInverse(via, to, day, out var second))
            {
                rate = first * second;
                return true;
            }
        }

        rate = 0m;
        return false;
    }

    private bool TryDirectOrInverse(CurrencyCode from, CurrencyCode to, DateOnly day, out decimal rate)
    {
        if (_pairs.TryGetValue((from, to), out var direct) && TryLatest(direct, day, out rate))
        {
            return true;
        }

        if (_pairs.TryGetValue((to, from), out var inverse) && TryLatest(inverse, day, out var inverted))
        {
            rate = 1m / inverted;
            return true;
        }

        rate = 0m;
        return false;
    }

    private IEnumerable<CurrencyCode> Intermediates(CurrencyCode from, CurrencyCode to) =>
        _pairs.Keys
            .SelectMany(pair => new[] { pair.Base, pair.Quote })
            .Where(currency => currency != from && currency != to)
            .Distinct()
            .OrderBy(currency => currency.Code, StringComparer.Ordinal);

    private static bool TryLatest(SortedList<DateOnly, decimal> history, DateOnly day, out decimal rate)
    {
        var dates = history.Keys;
        var (low, high) = (0, dates.Count - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (dates[middle] <= day)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        rate = high >= 0 ? history.Values[high] : 0m;
        return high >= 0;
    }
}
