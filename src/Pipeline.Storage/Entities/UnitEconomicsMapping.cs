using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Entities;

/// <summary>Copies <see cref="UnitEconomicsFigures"/> into the <c>UnitEconomics*</c> columns of a <see cref="KpiFiguresEntity"/> and back.</summary>
/// <remarks>No figures is no <c>UnitEconomics*</c> property at all; figures always have a gross margin, which marks them present.</remarks>
internal static class UnitEconomicsMapping
{
    public static void Write(KpiFiguresEntity entity, UnitEconomicsFigures? figures)
    {
        entity.UnitEconomicsGrossMargin = StoredDecimal.Format(figures?.GrossMargin);
        entity.UnitEconomicsLtvCapMonths = figures?.LtvCapMonths;
        entity.UnitEconomicsSpend = StoredDecimal.Format(figures?.Spend);
        entity.UnitEconomicsPaidSpend = StoredDecimal.Format(figures?.PaidSpend);
        entity.UnitEconomicsPaidNewCustomers = figures?.PaidNewCustomers;
        entity.UnitEconomicsAsp = StoredDecimal.Format(figures?.Asp);
        entity.UnitEconomicsAverageChurnRate = StoredDecimal.Format(figures?.AverageChurnRate);
        entity.UnitEconomicsLtv = StoredDecimal.Format(figures?.Ltv);
        entity.UnitEconomicsLtvCapped = StoredDecimal.Format(figures?.LtvCapped);
        entity.UnitEconomicsCac = StoredDecimal.Format(figures?.Cac);
        entity.UnitEconomicsPaidCac = StoredDecimal.Format(figures?.PaidCac);
        entity.UnitEconomicsCacPaybackMonths = StoredDecimal.Format(figures?.CacPaybackMonths);
        entity.UnitEconomicsCacPaybackMonthsArpa = StoredDecimal.Format(figures?.CacPaybackMonthsArpa);
        entity.UnitEconomicsLtvToCac = StoredDecimal.Format(figures?.LtvToCac);
    }

    public static UnitEconomicsFigures? Read(KpiFiguresEntity entity)
    {
        if (entity.UnitEconomicsGrossMargin is null)
        {
            return null;
        }

        return new UnitEconomicsFigures(
            StoredDecimal.Parse(entity.UnitEconomicsGrossMargin, nameof(entity.UnitEconomicsGrossMargin)),
            Required(entity.UnitEconomicsLtvCapMonths, nameof(entity.UnitEconomicsLtvCapMonths)),
            StoredDecimal.Parse(entity.UnitEconomicsSpend, nameof(entity.UnitEconomicsSpend)),
            StoredDecimal.Parse(entity.UnitEconomicsPaidSpend, nameof(entity.UnitEconomicsPaidSpend)),
            Required(entity.UnitEconomicsPaidNewCustomers, nameof(entity.UnitEconomicsPaidNewCustomers)),
            Optional(entity.UnitEconomicsAsp, nameof(entity.UnitEconomicsAsp)),
            Optional(entity.UnitEconomicsAverageChurnRate, nameof(entity.UnitEconomicsAverageChurnRate)),
            Optional(entity.UnitEconomicsLtv, nameof(entity.UnitEconomicsLtv)),
            Optional(entity.UnitEconomicsLtvCapped, nameof(entity.UnitEconomicsLtvCapped)),
            Optional(entity.UnitEconomicsCac, nameof(entity.UnitEconomicsCac)),
            Optional(entity.UnitEconomicsPaidCac, nameof(entity.UnitEconomicsPaidCac)),
            Optional(entity.UnitEconomicsCacPaybackMonths, nameof(entity.UnitEconomicsCacPaybackMonths)),
            Optional(entity.UnitEconomicsCacPaybackMonthsArpa, nameof(entity.UnitEconomicsCacPaybackMonthsArpa)),
            Optional(entity.UnitEconomicsLtvToCac, nameof(entity.UnitEconomicsLtvToCac)));
    }

    private static decimal? Optional(string? value, string property) => StoredDecimal.ParseOptional(value, property);

    private static int Required(int? value, string property) =>
        value ?? throw new FormatException($"Stored property {property} is missing although unit economics are present.");
}
