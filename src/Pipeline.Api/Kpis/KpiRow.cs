using Pipeline.Application.Kpis;

namespace Pipeline.Api.Kpis;

/// <summary>One month of KPIs as BI tools read it (JSON and CSV share these names, in this order).</summary>
/// <remarks>
/// Amounts are rounded to the currency's minor unit here and nowhere else; rates are fractions with six decimals;
/// a rate whose denominator is zero is null (an empty CSV cell), never 0.
/// </remarks>
public sealed record KpiRow(
    string Month,
    string Status,
    int Version,
    string Currency,
    decimal StartMrr,
    decimal Mrr,
    decimal Arr,
    decimal NewMrr,
    decimal ExpansionMrr,
    decimal ReactivationMrr,
    decimal ContractionMrr,
    decimal ChurnedMrr,
    decimal DelinquentChurnedMrr,
    int StartCustomers,
    int Customers,
    int NewCustomers,
    int ReactivatedCustomers,
    int ChurnedCustomers,
    int SubscribedAndChurned,
    decimal? CustomerChurnRate,
    decimal? GrossMrrChurnRate,
    decimal? NetMrrChurnRate,
    decimal? Nrr,
    decimal? Grr,
    decimal? QuickRatio,
    decimal? MrrGrowthRate,
    decimal? Arpa,
    int DefinitionsVersion,
    string BusinessTimeZone,
    int DelinquencyDays,
    DateTimeOffset ComputedAt)
{
    private const int RateDecimals = 6;

    public static KpiRow From(KpiSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var kpis = snapshot.Kpis;
        var currency = kpis.Currency;
        return new KpiRow(
            kpis.Month.ToString(),
            snapshot.Status == KpiStatus.Closed ? "closed" : "provisional",
            snapshot.Version,
            currency.Code,
            currency.Round(kpis.StartMrr),
            currency.Round(kpis.Mrr),
            currency.Round(kpis.Arr),
            currency.Round(kpis.NewMrr),
            currency.Round(kpis.ExpansionMrr),
            currency.Round(kpis.ReactivationMrr),
            currency.Round(kpis.ContractionMrr),
            currency.Round(kpis.ChurnedMrr),
            currency.Round(kpis.DelinquentChurnedMrr),
            kpis.StartCustomers,
            kpis.Customers,
            kpis.NewCustomers,
            kpis.ReactivatedCustomers,
            kpis.ChurnedCustomers,
            kpis.SubscribedAndChurned,
            Rate(kpis.CustomerChurnRate),
            Rate(kpis.GrossMrrChurnRate),
            Rate(kpis.NetMrrChurnRate),
            Rate(kpis.Nrr),
            Rate(kpis.Grr),
            Rate(kpis.QuickRatio),
            Rate(kpis.MrrGrowthRate),
            kpis.Arpa is { } arpa ? currency.Round(arpa) : null,
            snapshot.DefinitionsVersion,
            snapshot.BusinessTimeZone,
            snapshot.DelinquencyDays,
            snapshot.ComputedAt);
    }

    private static decimal? Rate(decimal? value) =>
        value is { } rate ? decimal.Round(rate, RateDecimals, MidpointRounding.AwayFromZero) + 0.000000m : null;
}
