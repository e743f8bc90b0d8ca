namespace Pipeline.Domain.Metrics;

/// <summary>What a month's close needs besides the ledger: exchange rates, customer attributes and segment settings.</summary>
public sealed record MonthCloseContext
{
    public static MonthCloseContext Empty { get; } = new();

    /// <summary>Rates to convert native MRR at month end; a currency in use without a rate fails the month.</summary>
    public ExchangeRateTable Rates { get; init; } = ExchangeRateTable.Empty;

    /// <summary>Customer master data by customer id (country, channel, segment attribute).</summary>
    public IReadOnlyDictionary<string, CustomerRecord> Customers { get; init; } = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);

    /// <summary>Lower bounds of the MRR bands of dimension <c>band</c>, ascending in the reporting currency (e.g. 100, 1000).</summary>
    public IReadOnlyList<decimal> MrrBands { get; init; } = [];
}
