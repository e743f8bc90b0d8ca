using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Entities;

/// <summary>Copies a <see cref="MonthlyKpis"/> into the columns of a <see cref="KpiFiguresEntity"/> and back, exactly.</summary>
/// <remarks>The month is not a column: it is the row key's first seven characters.</remarks>
internal static class KpiFiguresMapping
{
    public static void Write(KpiFiguresEntity entity, MonthlyKpis kpis)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(kpis);
        entity.Currency = kpis.Currency.Code;
        entity.StartMrr = StoredDecimal.Format(kpis.StartMrr);
        entity.Mrr = StoredDecimal.Format(kpis.Mrr);
        entity.NewMrr = StoredDecimal.Format(kpis.NewMrr);
        entity.ExpansionMrr = StoredDecimal.Format(kpis.ExpansionMrr);
        entity.ReactivationMrr = StoredDecimal.Format(kpis.ReactivationMrr);
        entity.ContractionMrr = StoredDecimal.Format(kpis.ContractionMrr);
        entity.ChurnedMrr = StoredDecimal.Format(kpis.ChurnedMrr);
        entity.DelinquentChurnedMrr = StoredDecimal.Format(kpis.DelinquentChurnedMrr);
        entity.FxImpactMrr = StoredDecimal.Format(kpis.FxImpactMrr);
        entity.Cmrr = StoredDecimal.Format(kpis.Cmrr);
        entity.NativeMrr = StoredMoneyList.Format(kpis.NativeMrr);
        entity.Nrr12 = StoredDecimal.Format(kpis.Nrr12);
        entity.Grr12 = StoredDecimal.Format(kpis.Grr12);
        entity.StartCustomers = kpis.StartCustomers;
        entity.Customers = kpis.Customers;
        entity.NewCustomers = kpis.NewCustomers;
        entity.ReactivatedCustomers = kpis.ReactivatedCustomers;
        entity.ChurnedCustomers = kpis.ChurnedCustomers;
        entity.SubscribedAndChurned = kpis.SubscribedAndChurned;
        WriteConcentration(entity, kpis.Concentration);
        UnitEconomicsMapping.Write(entity, kpis.UnitEconomics);
    }

    public static MonthlyKpis Read(KpiFiguresEntity entity, BillingMonth month)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new()
        {
            Month = month,
            Currency = CurrencyCode.Parse(entity.Currency),
            StartMrr = StoredDecimal.Parse(entity.StartMrr, nameof(entity.StartMrr)),
            Mrr = StoredDecimal.Parse(entity.Mrr, nameof(entity.Mrr)),
            NewMrr = StoredDecimal.Parse(entity.NewMrr, nameof(entity.NewMrr)),
            ExpansionMrr = StoredDecimal.Parse(entity.ExpansionMrr, nameof(entity.ExpansionMrr)),
            ReactivationMrr = StoredDecimal.Parse(entity.ReactivationMrr, nameof(entity.ReactivationMrr)),
            ContractionMrr = StoredDecimal.Parse(entity.ContractionMrr, nameof(entity.ContractionMrr)),
            ChurnedMrr = StoredDecimal.Parse(entity.ChurnedMrr, nameof(entity.ChurnedMrr)),
            DelinquentChurnedMrr = StoredDecimal.Parse(entity.DelinquentChurnedMrr, nameof(entity.DelinquentChurnedMrr)),
            FxImpactMrr = StoredDecimal.ParseOptional(entity.FxImpactMrr, nameof(entity.FxImpactMrr)) ?? 0m,
            Cmrr = StoredDecimal.ParseOptional(entity.Cmrr, nameof(entity.Cmrr)),
            NativeMrr = StoredMoneyList.Parse(entity.NativeMrr, nameof(entity.NativeMrr)),
            Nrr12 = StoredDecimal.ParseOptional(entity.Nrr12, nameof(entity.Nrr12)),
            Grr12 = StoredDecimal.ParseOptional(entity.Grr12, nameof(entity.Grr12)),
            Concentration = ReadConcentration(entity),
            UnitEconomics = UnitEconomicsMapping.Read(entity),
            StartCustomers = entity.StartCustomers,
            Customers = entity.Customers,
            NewCustomers = entity.NewCustomers,
            ReactivatedCustomers = entity.ReactivatedCustomers,
            ChurnedCustomers = entity.ChurnedCustomers,
            SubscribedAndChurned = entity.SubscribedAndChurned,
        };
    }

    private static void WriteConcentration(KpiFiguresEntity entity, ConcentrationFigures? figures)
    {
        entity.HasConcentration = figures is not null ? true : null;
        entity.ConcentrationTop20PercentShare = StoredDecimal.Format(figures?.Top20PercentShare);
        entity.ConcentrationCustomerFractionFor80Percent = StoredDecimal.Format(figures?.CustomerFractionFor80Percent);
        entity.ConcentrationTop10Share = StoredDecimal.Format(figures?.Top10Share);
        entity.ConcentrationGini = StoredDecimal.Format(figures?.Gini);
        entity.ConcentrationHerfindahl = StoredDecimal.Format(figures?.Herfindahl);
    }

    private static ConcentrationFigures? ReadConcentration(KpiFiguresEntity entity) => entity.HasConcentration == true
        ? new ConcentrationFigures(
            StoredDecimal.ParseOptional(entity.ConcentrationTop20PercentShare, nameof(entity.ConcentrationTop20PercentShare)),
            StoredDecimal.ParseOptional(entity.ConcentrationCustomerFractionFor80Percent, nameof(entity.ConcentrationCustomerFractionFor80Percent)),
            StoredDecimal.ParseOptional(entity.ConcentrationTop10Share, nameof(entity.ConcentrationTop10Share)),
            StoredDecimal.ParseOptional(entity.ConcentrationGini, nameof(entity.ConcentrationGini)),
            StoredDecimal.ParseOptional(entity.ConcentrationHerfindahl, nameof(entity.ConcentrationHerfindahl)))
        : null;
}
