using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Tests;

/// <summary>Test-data builders with values chosen to catch lossy storage (long decimals, offsets, nulls).</summary>
internal static class Samples
{
    public static readonly TenantId Tenant = TenantId.Parse("acme");
    public static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    public static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    public static readonly CurrencyCode Jpy = CurrencyCode.Parse("JPY");
    public static readonly CurrencyCode Kwd = CurrencyCode.Parse("KWD");
    public static readonly BillingMonth March2025 = new(2025, 3);

    public static ImportRecord Import(string importId = "3f2a9c", TenantId? tenant = null) => new()
    {
        Tenant = tenant ?? Tenant,
        ImportId = importId,
        BlobName = "acme/stripe invoices 2025-03.csv",
        BlobETag = "\"0x8DC1234ABCD\"",
        ContentHash = "3f2a9c0000000000000000000000000000000000000000000000000000000000",
        Status = ImportStatus.Accepted,
        ReceivedAt = new DateTimeOffset(2025, 4, 2, 9, 15, 30, 123, TimeSpan.FromHours(2)),
        CompletedAt = new DateTimeOffset(2025, 4, 2, 7, 16, 0, TimeSpan.Zero),
        Format = "stripe-invoice-lines",
        Rows = 1_250,
        RowErrors = 3,
        Reason = null,
        DuplicateOf = null,
        FirstMonth = new BillingMonth(2024, 11),
        LastMonth = March2025,
        Attempts = 1,
    };

    public static MonthlyKpis Kpis(BillingMonth month, decimal mrr = 12_345.67m) => new()
    {
        Month = month,
        Currency = Eur,
        StartMrr = 62m / 3m,
        Mrr = mrr,
        NewMrr = 1_000.005m,
        ExpansionMrr = 0.000000000000000001m,
        ReactivationMrr = 0m,
        ContractionMrr = 12.50m,
        ChurnedMrr = 79_228_162_514_264.337593543950335m,
        DelinquentChurnedMrr = -0.5m,
        StartCustomers = 120,
        Customers = 125,
        NewCustomers = 9,
        ReactivatedCustomers = 1,
        ChurnedCustomers = 5,
        SubscribedAndChurned = 2,
    };

    /// <summary><see cref="Kpis"/> with every optional figure set, some of them to awkward values and some left null.</summary>
    public static MonthlyKpis FullKpis(BillingMonth month, decimal mrr = 12_345.67m) => Kpis(month, mrr) with
    {
        FxImpactMrr = -1m / 3m,
        Cmrr = 12_400.10m,
        NativeMrr = [new(123.45m, Usd), new(10.50m, Eur), new(1_500m, Jpy), new(-0.125m, Kwd)],
        Nrr12 = 1.0123456789012345678901234567m,
        Grr12 = null,
        Concentration = new ConcentrationFigures(0.80m, null, 0.35m, 0.000000000000000001m, 1m / 7m),
        UnitEconomics = new UnitEconomicsFigures(
            GrossMargin: 0.80m,
            LtvCapMonths: 60,
            Spend: 10_000.50m,
            PaidSpend: 0m,
            PaidNewCustomers: 0,
            Asp: 111.11m,
            AverageChurnRate: 1m / 30m,
            Ltv: null,
            LtvCapped: 5_925.9259259259259259259259259m,
            Cac: 1_111.1666666666666666666666667m,
            PaidCac: null,
            CacPaybackMonths: 12.5m,
            CacPaybackMonthsArpa: null,
            LtvToCac: 5.333333333333333333333333333m),
    };

    public static SegmentKpis Segment(string dimension, string value, BillingMonth month, decimal mrr = 12_345.67m) =>
        new(dimension, value, FullKpis(month, mrr));

    public static KpiSnapshot Snapshot(BillingMonth month, KpiStatus status, decimal mrr = 12_345.67m, int version = 1) => new(
        Kpis(month, mrr),
        status,
        version,
        new DateTimeOffset(2025, 4, 3, 2, 0, 0, 1, TimeSpan.Zero),
        "Europe/Amsterdam",
        DelinquencyDays: 30,
        DefinitionsVersion: MetricSettings.DefinitionsVersion);

    public static CloseRecord Close(BillingMonth month, int version = 1) => new()
    {
        Tenant = Tenant,
        Month = month,
        Status = CloseStatus.Closed,
        Version = version,
        ClosedAt = new DateTimeOffset(2025, 4, 3, 2, 0, 5, TimeSpan.Zero),
        ClosedBy = "schedule",
        InputsFingerprint = "9b1d",
        InputImports = 4,
        Mrr = 62m / 3m,
        Currency = Eur,
        Customers = 125,
    };

    public static RevenueLine Line(long row) => new()
    {
        LineKey = $"il_{row}",
        CustomerId = $"cus_{row % 7}",
        InvoiceId = $"in_{row / 3}",
        SubscriptionId = $"sub_{row % 11}",
        Plan = "pro-monthly",
        Product = null,
        LineType = LineType.Recurring,
        Quantity = 1m,
        Amount = 49.99m + row,
        Discount = 0m,
        Tax = 10.4979m,
        Currency = Eur,
        Interval = BillingInterval.Monthly,
        ServiceStart = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).AddDays(row % 28),
        ServiceEnd = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero).AddDays(row % 28),
        Status = DocumentStatus.Paid,
        RowNumber = row + 1,
    };
}
