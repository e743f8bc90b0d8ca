using System.Globalization;
using Pipeline.Api.Http;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api.Kpis;

/// <summary>One month of KPIs as BI tools read it (JSON and CSV share these names, in this order).</summary>
/// <remarks>
/// Amounts are rounded to the currency's minor unit here and nowhere else; rates and ratios have six decimals;
/// a figure whose denominator is zero is null (an empty CSV cell), never 0. Headline rows have no dimension;
/// segment rows (<c>by=plan</c> …) name their dimension and segment. <see cref="NativeMrr"/> lists MRR per native
/// currency as <c>EUR:1200.00;USD:300.00</c>. A month wholly after the tenant's data horizon has status
/// <c>awaiting-data</c> and no figures (every figure null), never zeros that read as a collapse; the month containing
/// the horizon is measured at it and says so in <see cref="AsOf"/>. In XLSX the month is a date cell and the rates
/// (not the ratios such as <see cref="QuickRatio"/> or <see cref="LtvToCac"/>) are percentage cells.
/// </remarks>
public sealed record KpiRow
{
    private const int RateDecimals = 6;

    [CellFormat(CellFormat.Month)]
    public required string Month { get; init; }

    public string? Dimension { get; init; }

    public string? Segment { get; init; }

    public required string Status { get; init; }

    public int Version { get; init; }

    /// <summary>The instant the figures are measured at when that is before the month's end (the tenant's data horizon); null at the month's end.</summary>
    public DateTimeOffset? AsOf { get; init; }

    public required string Currency { get; init; }

    public decimal? StartMrr { get; init; }

    public decimal? Mrr { get; init; }

    public decimal? Arr { get; init; }

    public decimal? Cmrr { get; init; }

    public decimal? NewMrr { get; init; }

    public decimal? ExpansionMrr { get; init; }

    public decimal? ReactivationMrr { get; init; }

    public decimal? ContractionMrr { get; init; }

    public decimal? ChurnedMrr { get; init; }

    public decimal? DelinquentChurnedMrr { get; init; }

    public decimal? FxImpactMrr { get; init; }

    public string? NativeMrr { get; init; }

    public int? StartCustomers { get; init; }

    public int? Customers { get; init; }

    public int? NewCustomers { get; init; }

    public int? ReactivatedCustomers { get; init; }

    public int? ChurnedCustomers { get; init; }

    public int? SubscribedAndChurned { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? CustomerChurnRate { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? GrossMrrChurnRate { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? NetMrrChurnRate { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? Nrr { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? Grr { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? Nrr12 { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? Grr12 { get; init; }

    public decimal? QuickRatio { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? MrrGrowthRate { get; init; }

    public decimal? Arpa { get; init; }

    public decimal? Asp { get; init; }

    public decimal? Ltv { get; init; }

    public decimal? LtvCapped { get; init; }

    public decimal? Cac { get; init; }

    public decimal? PaidCac { get; init; }

    public decimal? CacPaybackMonths { get; init; }

    public decimal? CacPaybackMonthsArpa { get; init; }

    public decimal? LtvToCac { get; init; }

    public decimal? Spend { get; init; }

    public decimal? PaidSpend { get; init; }

    public int? PaidNewCustomers { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? AverageChurnRate { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? Top20PercentShare { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? CustomerFractionFor80Percent { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? Top10Share { get; init; }

    public decimal? Gini { get; init; }

    public decimal? Herfindahl { get; init; }

    [CellFormat(CellFormat.Percent)]
    public decimal? GrossMargin { get; init; }

    public int? LtvCapMonths { get; init; }

    public int DefinitionsVersion { get; init; }

    public required string BusinessTimeZone { get; init; }

    public int DelinquencyDays { get; init; }

    public DateTimeOffset ComputedAt { get; init; }

    public static KpiRow From(KpiSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var row = snapshot.Status == KpiStatus.AwaitingData
            ? AwaitingData(snapshot)
            : Of(snapshot.Kpis, snapshot.Status, snapshot.Version, snapshot.ComputedAt);
        return row with
        {
            AsOf = snapshot.AsOf,
            DefinitionsVersion = snapshot.DefinitionsVersion,
            BusinessTimeZone = snapshot.BusinessTimeZone,
            DelinquencyDays = snapshot.DelinquencyDays,
        };
    }

    /// <summary>A segment row; the settings columns come from the month's headline row.</summary>
    public static KpiRow From(SegmentSnapshot segment, KpiSnapshot? headline)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return Of(segment.Segment.Kpis, segment.Status, segment.Version, segment.ComputedAt) with
        {
            Dimension = segment.Segment.Dimension,
            Segment = segment.Segment.Value,
            DefinitionsVersion = headline?.DefinitionsVersion ?? MetricSettings.DefinitionsVersion,
            BusinessTimeZone = headline?.BusinessTimeZone ?? string.Empty,
            DelinquencyDays = headline?.DelinquencyDays ?? 0,
        };
    }

    private static KpiRow Of(MonthlyKpis kpis, KpiStatus status, int version, DateTimeOffset computedAt)
    {
        var currency = kpis.Currency;
        var economics = kpis.UnitEconomics;
        var concentration = kpis.Concentration;
        return new KpiRow
        {
            Month = kpis.Month.ToString(),
            Status = StatusName(status),
            Version = version,
            Currency = currency.Code,
            StartMrr = currency.Round(kpis.StartMrr),
            Mrr = currency.Round(kpis.Mrr),
            Arr = currency.Round(kpis.Arr),
            Cmrr = Amount(currency, kpis.Cmrr),
            NewMrr = currency.Round(kpis.NewMrr),
            ExpansionMrr = currency.Round(kpis.ExpansionMrr),
            ReactivationMrr = currency.Round(kpis.ReactivationMrr),
            ContractionMrr = currency.Round(kpis.ContractionMrr),
            ChurnedMrr = currency.Round(kpis.ChurnedMrr),
            DelinquentChurnedMrr = currency.Round(kpis.DelinquentChurnedMrr),
            FxImpactMrr = currency.Round(kpis.FxImpactMrr),
            NativeMrr = kpis.NativeMrr.Count == 0 ? null : string.Join(';', kpis.NativeMrr.Select(Native)),
            StartCustomers = kpis.StartCustomers,
            Customers = kpis.Customers,
            NewCustomers = kpis.NewCustomers,
            ReactivatedCustomers = kpis.ReactivatedCustomers,
            ChurnedCustomers = kpis.ChurnedCustomers,
            SubscribedAndChurned = kpis.SubscribedAndChurned,
            CustomerChurnRate = Rate(kpis.CustomerChurnRate),
            GrossMrrChurnRate = Rate(kpis.GrossMrrChurnRate),
            NetMrrChurnRate = Rate(kpis.NetMrrChurnRate),
            Nrr = Rate(kpis.Nrr),
            Grr = Rate(kpis.Grr),
            Nrr12 = Rate(kpis.Nrr12),
            Grr12 = Rate(kpis.Grr12),
            QuickRatio = Rate(kpis.QuickRatio),
            MrrGrowthRate = Rate(kpis.MrrGrowthRate),
            Arpa = Amount(currency, kpis.Arpa),
            Asp = Amount(currency, kpis.Asp),
            Ltv = Amount(currency, economics?.Ltv),
            LtvCapped = Amount(currency, economics?.LtvCapped),
            Cac = Amount(currency, economics?.Cac),
            PaidCac = Amount(currency, economics?.PaidCac),
            CacPaybackMonths = Rate(economics?.CacPaybackMonths),
            CacPaybackMonthsArpa = Rate(economics?.CacPaybackMonthsArpa),
            LtvToCac = Rate(economics?.LtvToCac),
            Spend = Amount(currency, economics?.Spend),
            PaidSpend = Amount(currency, economics?.PaidSpend),
            PaidNewCustomers = economics?.PaidNewCustomers,
            AverageChurnRate = Rate(economics?.AverageChurnRate),
            Top20PercentShare = Rate(concentration?.Top20PercentShare),
            CustomerFractionFor80Percent = Rate(concentration?.CustomerFractionFor80Percent),
            Top10Share = Rate(concentration?.Top10Share),
            Gini = Rate(concentration?.Gini),
            Herfindahl = Rate(concentration?.Herfindahl),
            GrossMargin = economics?.GrossMargin,
            LtvCapMonths = economics?.LtvCapMonths,
            BusinessTimeZone = string.Empty,
            ComputedAt = computedAt,
        };
    }

    /// <summary>The status as BI tools read it: <c>closed</c>, <c>provisional</c> or <c>awaiting-data</c>.</summary>
    public static string StatusName(KpiStatus status) => status switch
    {
        KpiStatus.Closed => "closed",
        KpiStatus.AwaitingData => "awaiting-data",
        _ => "provisional",
    };

    /// <summary>A month without figures: its identity and settings, every figure null.</summary>
    private static KpiRow AwaitingData(KpiSnapshot snapshot) => new()
    {
        Month = snapshot.Kpis.Month.ToString(),
        Status = StatusName(snapshot.Status),
        Version = snapshot.Version,
        Currency = snapshot.Kpis.Currency.Code,
        BusinessTimeZone = string.Empty,
        ComputedAt = snapshot.ComputedAt,
    };

    private static string Native(Money money) =>
        string.Create(CultureInfo.InvariantCulture, $"{money.Currency.Code}:{money.Rounded}");

    private static decimal? Amount(CurrencyCode currency, decimal? value) => value is { } amount ? currency.Round(amount) : null;

    private static decimal? Rate(decimal? value) =>
        value is { } rate ? decimal.Round(rate, RateDecimals, MidpointRounding.AwayFromZero) + 0.000000m : null;
}
