namespace Pipeline.Domain;

/// <summary>A month cannot be computed: a currency in use has no exchange rate on or before the month's end.</summary>
/// <remarks>Expected with incomplete rate files, so it names what to drop to fix it; the month stays open.</remarks>
public sealed class MissingExchangeRateException : Exception
{
    public MissingExchangeRateException()
    {
    }

    public MissingExchangeRateException(string message)
        : base(message)
    {
    }

    public MissingExchangeRateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MissingExchangeRateException(CurrencyCode from, CurrencyCode to, BillingMonth month)
        : base(new Metrics.MissingRate(from, to, month).Message)
    {
        From = from;
        To = to;
        Month = month;
    }

    public CurrencyCode From { get; }

    public CurrencyCode To { get; }

    public BillingMonth Month { get; }
}
