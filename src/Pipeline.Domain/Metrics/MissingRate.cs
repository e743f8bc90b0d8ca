namespace Pipeline.Domain.Metrics;

/// <summary>A month cannot be computed: a currency in use has no exchange rate on or before the month's end.</summary>
/// <param name="From">The currency without a rate.</param>
/// <param name="To">The reporting currency.</param>
/// <param name="Month">The month that needs it.</param>
public sealed record MissingRate(CurrencyCode From, CurrencyCode To, BillingMonth Month)
{
    /// <summary>What to tell ops: which rate is missing and what to drop to fix it.</summary>
    public string Message => $"No {From}/{To} exchange rate on or before the end of {Month}: drop a rates file that covers {Month} to close it.";
}
