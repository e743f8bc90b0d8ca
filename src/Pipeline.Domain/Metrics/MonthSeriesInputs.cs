namespace Pipeline.Domain.Metrics;

/// <summary>What a <see cref="MonthSeries"/> computes from: the engine, rates and attributes, spend and the economics settings.</summary>
public sealed record MonthSeriesInputs
{
    /// <summary>The MRR engine over the tenant's ledger.</summary>
    public required MonthlyRecurringRevenue Revenue { get; init; }

    /// <summary>Exchange rates, customer attributes and MRR bands.</summary>
    public MonthEndContext Context { get; init; } = MonthEndContext.Empty;

    /// <summary>Sales and marketing spend rows, in any currency.</summary>
    public IReadOnlyList<SpendRecord> Spend { get; init; } = [];

    /// <summary>The ledger the engine was built from: late data's effective dates are read from it.</summary>
    public LedgerLines Ledger { get; init; } = new();

    /// <summary>The gross margin LTV and payback are computed with, a fraction.</summary>
    public decimal GrossMargin { get; init; } = 1m;

    /// <summary>The lifetime cap of LtvCapped, in months.</summary>
    public int LtvCapMonths { get; init; } = 60;

    /// <summary>The customer churn rates of months before the series (the published rows): LTV averages the last six.</summary>
    public IReadOnlyDictionary<BillingMonth, decimal?> EarlierChurnRates { get; init; } = new Dictionary<BillingMonth, decimal?>();
}
