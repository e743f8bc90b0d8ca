using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api.Tests;

/// <summary>The stored rows the handlers read: one tenant, a closed March 2025 and its imports.</summary>
internal static class Samples
{
    public static readonly TenantId Acme = TenantId.Parse("acme");

    public static readonly BillingMonth March2025 = new(2025, 3);

    public static readonly DateTimeOffset ComputedAt = new(2025, 4, 2, 6, 30, 0, TimeSpan.Zero);

    /// <summary>
    /// March 2025 closed: 1,000.00 → 1,234.50 EUR (new 300, contraction 40.50, churn 25), 10 → 12 customers;
    /// no CMRR, so that cell is null.
    /// </summary>
    public static KpiSnapshot ClosedMarch() => new(
        new MonthlyKpis
        {
            Month = March2025,
            Currency = CurrencyCode.Parse("EUR"),
            StartMrr = 1000m,
            Mrr = 1234.5m,
            NewMrr = 300m,
            ExpansionMrr = 0m,
            ReactivationMrr = 0m,
            ContractionMrr = 40.5m,
            ChurnedMrr = 25m,
            DelinquentChurnedMrr = 0m,
            FxImpactMrr = -12.345m,
            StartCustomers = 10,
            Customers = 12,
            NewCustomers = 3,
            ReactivatedCustomers = 0,
            ChurnedCustomers = 1,
            SubscribedAndChurned = 0,
        },
        KpiStatus.Closed,
        Version: 1,
        ComputedAt,
        BusinessTimeZone: "Europe/Berlin",
        DelinquencyDays: 30,
        DefinitionsVersion: 3);

    public static ImportRecord Import(string id, string fileName, DateTimeOffset receivedAt) => new()
    {
        Tenant = Acme,
        ImportId = id,
        BlobName = "acme/" + fileName,
        BlobETag = "\"0x8DD\"",
        ContentHash = id,
        Status = ImportStatus.Accepted,
        ReceivedAt = receivedAt,
        Format = "canonical-revenue-lines",
        Rows = 120,
        RowErrors = 2,
    };
}
