namespace Pipeline.Domain.Metrics;

/// <summary>The headline KPIs of one month for one tenant, at full precision, in the reporting currency.</summary>
/// <remarks>
/// Rates are fractions (0.25 = 25 %) and null when their denominator is zero — never 0, never NaN.
/// The identity <c>Mrr = StartMrr + New + Expansion + Reactivation − Contraction − Churned + FxImpact</c> holds to decimal precision
/// (the close checks it; sums of 28-digit quotients may differ in the last digit with the order of addition).
/// </remarks>
public sealed record MonthlyKpis
{
    /// <summary>The placeholder of a month that has no figures yet (awaiting data): every amount and count zero.</summary>
    /// <remarks>Whoever publishes it says so by its status; its zeros are never figures.</remarks>
    public static MonthlyKpis Placeholder(BillingMonth month, CurrencyCode currency) => new()
    {
        Month = month,
        Currency = currency,
        StartMrr = 0m,
        Mrr = 0m,
        NewMrr = 0m,
        ExpansionMrr = 0m,
        ReactivationMrr = 0m,
        ContractionMrr = 0m,
        ChurnedMrr = 0m,
        DelinquentChurnedMrr = 0m,
        StartCustomers = 0,
        Customers = 0,
        NewCustomers = 0,
        ReactivatedCustomers = 0,
        ChurnedCustomers = 0,
        SubscribedAndChurned = 0,
    };

    public required BillingMonth Month { get; init; }

    public required CurrencyCode Currency { get; init; }

    /// <summary>MRR at the previous month's end (the locked snapshot's total).</summary>
    public required decimal StartMrr { get; init; }

    public required decimal Mrr { get; init; }

    public decimal Arr => 12m * Mrr;

    public required decimal NewMrr { get; init; }

    public required decimal ExpansionMrr { get; init; }

    public required decimal ReactivationMrr { get; init; }

    public required decimal ContractionMrr { get; init; }

    public required decimal ChurnedMrr { get; init; }

    /// <summary>The part of <see cref="ChurnedMrr"/> caused by invoices more than the delinquency limit past due.</summary>
    public required decimal DelinquentChurnedMrr { get; init; }

    /// <summary>The change of MRR caused by exchange rates alone: Σ S_native × (r_m − r_{m−1}).</summary>
    /// <remarks>Computed as S′ − S per customer: the opening native parts at this month's rates minus the locked start.</remarks>
    public decimal FxImpactMrr { get; init; }

    /// <summary>Committed MRR: MRR at <c>T_m</c> plus known future-dated changes and scheduled cancellations.</summary>
    /// <remarks>
    /// Per subscription: the amount of its latest-starting line when that line starts after <c>T_m</c>, else its amount
    /// at <c>T_m</c>, converted at <c>r_m</c>. Canonical data has no scheduled cancellations yet, so CMRR does not lower a
    /// subscription whose cancellation is only requested. Null when a currency needed only here has no rate; tenant
    /// level only (null in segments).
    /// </remarks>
    public decimal? Cmrr { get; init; }

    /// <summary>MRR at <c>T_m</c> per native currency, before conversion, ordered by currency code; empty in segments.</summary>
    public IReadOnlyList<Money> NativeMrr { get; init; } = [];

    /// <summary>12-month net revenue retention of the customers active at <c>T_{m−12}</c>; null without that base.</summary>
    public decimal? Nrr12 { get; init; }

    /// <summary>12-month gross revenue retention (each customer capped at its base MRR).</summary>
    public decimal? Grr12 { get; init; }

    public ConcentrationFigures? Concentration { get; init; }

    public UnitEconomicsFigures? UnitEconomics { get; init; }

    /// <summary>Customers with MRR &gt; 0 at the previous month's end.</summary>
    public required int StartCustomers { get; init; }

    /// <summary>Customers with MRR &gt; 0 at this month's end.</summary>
    public required int Customers { get; init; }

    public required int NewCustomers { get; init; }

    public required int ReactivatedCustomers { get; init; }

    public required int ChurnedCustomers { get; init; }

    /// <summary>Customers who started and ended inside the month: no movement, counted for information.</summary>
    public required int SubscribedAndChurned { get; init; }

    public decimal? CustomerChurnRate => Ratio(ChurnedCustomers, StartCustomers);

    public decimal? GrossMrrChurnRate => Ratio(ChurnedMrr + ContractionMrr, StartMrr);

    public decimal? NetMrrChurnRate => Ratio(ChurnedMrr + ContractionMrr - ExpansionMrr, StartMrr);

    public decimal? Nrr => Ratio(StartMrr - ChurnedMrr - ContractionMrr + ExpansionMrr, StartMrr);

    public decimal? Grr => Ratio(StartMrr - ChurnedMrr - ContractionMrr, StartMrr);

    public decimal? QuickRatio => Ratio(NewMrr + ExpansionMrr + ReactivationMrr, ChurnedMrr + ContractionMrr);

    public decimal? MrrGrowthRate => Ratio(Mrr - StartMrr, StartMrr);

    /// <summary>Average sale price: New MRR ÷ new customers.</summary>
    public decimal? Asp => Ratio(NewMrr, NewCustomers);

    /// <summary>Average revenue per account: MRR ÷ active customers (= ARPU as METRICS.md uses it).</summary>
    public decimal? Arpa => Ratio(Mrr, Customers);

    private static decimal? Ratio(decimal numerator, decimal denominator) =>
        denominator == 0m ? null : numerator / denominator;
}
