namespace Pipeline.Testing;

/// <summary>The KPI row columns the API, its CSV and the CLI publish, in order (README "API"): one list for every test.</summary>
public static class KpiColumnNames
{
    public static readonly IReadOnlyList<string> All =
    [
        "month", "dimension", "segment", "status", "version", "asOf", "currency", "startMrr", "mrr", "arr", "cmrr", "newMrr",
        "expansionMrr", "reactivationMrr", "contractionMrr", "churnedMrr", "delinquentChurnedMrr", "fxImpactMrr", "nativeMrr",
        "startCustomers", "customers", "newCustomers", "reactivatedCustomers", "churnedCustomers", "subscribedAndChurned",
        "customerChurnRate", "grossMrrChurnRate", "netMrrChurnRate", "nrr", "grr", "nrr12", "grr12", "quickRatio",
        "mrrGrowthRate", "arpa", "asp", "ltv", "ltvCapped", "cac", "paidCac", "cacPaybackMonths", "cacPaybackMonthsArpa",
        "ltvToCac", "spend", "paidSpend", "paidNewCustomers", "averageChurnRate", "top20PercentShare",
        "customerFractionFor80Percent", "top10Share", "gini", "herfindahl", "grossMargin", "ltvCapMonths",
        "definitionsVersion", "businessTimeZone", "delinquencyDays", "computedAt",
    ];
}
