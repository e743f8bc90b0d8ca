using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage.Entities;

/// <summary>
/// The columns every <c>KpiSnapshots</c> row with figures has: one <see cref="Domain.Metrics.MonthlyKpis"/> (the headline
/// row and each segment row), with its status, version and computation time. Mapped by <see cref="KpiFiguresMapping"/>.
/// </summary>
/// <remarks>
/// <para>
/// Amounts and fractions are invariant decimal strings at full precision (Table Storage has no decimal type and a
/// double would lose cents); counts are Int32. A null figure is no property. Derived figures (ARR, rates) are not
/// stored: they follow from these.
/// </para>
/// <para>
/// <see cref="Domain.Metrics.ConcentrationFigures"/> and <see cref="Domain.Metrics.UnitEconomicsFigures"/> are
/// flattened with the prefixes <c>Concentration</c> and <c>UnitEconomics</c>. All their concentration figures may
/// be null, so <see cref="HasConcentration"/> tells "no figures" from "figures that are all null"; unit economics
/// are present exactly when <see cref="UnitEconomicsGrossMargin"/> is. With the row kind's own columns that is at most 46 custom properties of a few hundred
/// bytes each (NativeMrr grows by about 40 characters per currency): far below 252 properties and 1 MiB.
/// </para>
/// </remarks>
internal abstract class KpiFiguresEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Status { get; set; } = "";

    public int Version { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    public string Currency { get; set; } = "";

    public string StartMrr { get; set; } = "";

    public string Mrr { get; set; } = "";

    public string NewMrr { get; set; } = "";

    public string ExpansionMrr { get; set; } = "";

    public string ReactivationMrr { get; set; } = "";

    public string ContractionMrr { get; set; } = "";

    public string ChurnedMrr { get; set; } = "";

    public string DelinquentChurnedMrr { get; set; } = "";

    /// <summary>Absent on rows written before FX impact existed; reads as 0.</summary>
    public string? FxImpactMrr { get; set; }

    public string? Cmrr { get; set; }

    /// <summary><see cref="StoredMoneyList"/> format: <c>USD:123.45;EUR:10</c>.</summary>
    public string? NativeMrr { get; set; }

    public string? Nrr12 { get; set; }

    public string? Grr12 { get; set; }

    public int StartCustomers { get; set; }

    public int Customers { get; set; }

    public int NewCustomers { get; set; }

    public int ReactivatedCustomers { get; set; }

    public int ChurnedCustomers { get; set; }

    public int SubscribedAndChurned { get; set; }

    public bool? HasConcentration { get; set; }

    public string? ConcentrationTop20PercentShare { get; set; }

    public string? ConcentrationCustomerFractionFor80Percent { get; set; }

    public string? ConcentrationTop10Share { get; set; }

    public string? ConcentrationGini { get; set; }

    public string? ConcentrationHerfindahl { get; set; }

    public string? UnitEconomicsGrossMargin { get; set; }

    public int? UnitEconomicsLtvCapMonths { get; set; }

    public string? UnitEconomicsSpend { get; set; }

    public string? UnitEconomicsPaidSpend { get; set; }

    public int? UnitEconomicsPaidNewCustomers { get; set; }

    public string? UnitEconomicsAsp { get; set; }

    public string? UnitEconomicsAverageChurnRate { get; set; }

    public string? UnitEconomicsLtv { get; set; }

    public string? UnitEconomicsLtvCapped { get; set; }

    public string? UnitEconomicsCac { get; set; }

    public string? UnitEconomicsPaidCac { get; set; }

    public string? UnitEconomicsCacPaybackMonths { get; set; }

    public string? UnitEconomicsCacPaybackMonthsArpa { get; set; }

    public string? UnitEconomicsLtvToCac { get; set; }
}
