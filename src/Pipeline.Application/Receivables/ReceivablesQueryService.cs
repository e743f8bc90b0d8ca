using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Domain.Receivables;

namespace Pipeline.Application.Receivables;

/// <summary>Money outstanding at the customers at a month end, aged, per segment and per customer (METRICS.md §10).</summary>
/// <remarks>
/// Computed on each read from the tenant's invoice lines (<see cref="TenantLedgerReader.ReadInvoiceLinesAsync"/>, <see cref="ReceivablesAging"/>),
/// as the close of <c>asOf</c> read them when the month is closed (<see cref="ClosedMonthLedgers"/>). A customer-level dimension (country,
/// channel, segment) groups by the customer's master data; plan, product and currency by the invoice's (its first line's
/// plan and product, its own currency), so one customer's invoices can fall in several groups.
/// </remarks>
public sealed class ReceivablesQueryService(ClosedMonthLedgers ledgers, KpiQueryService kpis, TenantSettings settings, TimeProvider clock)
{
    /// <summary>The dimension and segment of the one group without <c>by=</c>.</summary>
    public const string All = "all";

    /// <summary>The dimensions <c>by=</c> accepts.</summary>
    public static IReadOnlyList<string> Dimensions { get; } =
    [
        SegmentDimensions.Plan, SegmentDimensions.Product, SegmentDimensions.Currency, SegmentDimensions.Country,
        SegmentDimensions.Channel, SegmentDimensions.Segment,
    ];

    /// <summary>The latest month that has ended for <paramref name="tenant"/>: the default <c>asOf</c>.</summary>
    public BillingMonth LatestEndedMonth(TenantId tenant) => settings.For(tenant).CurrentMonth(clock.GetUtcNow()).Previous();

    /// <summary>Whether <paramref name="month"/> has ended for <paramref name="tenant"/>.</summary>
    public bool HasEnded(TenantId tenant, BillingMonth month) => settings.For(tenant).HasEnded(month, clock.GetUtcNow());

    /// <summary>The receivables at the end of <paramref name="asOf"/>, grouped by <paramref name="dimension"/>; null for an unknown tenant.</summary>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="Dimensions"/>.</exception>
    /// <exception cref="MissingExchangeRateException">An invoice in another currency has no rate for the month's end.</exception>
    /// <exception cref="CloseVersionUnavailableException"><paramref name="version"/> is not a close version that can be read.</exception>
    public async Task<ReceivablesReport?> ComputeAsync(
        TenantId tenant, BillingMonth asOf, string? dimension, CancellationToken cancellationToken, int? version = null)
    {
        if (dimension is not null && !Dimensions.Contains(dimension, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{dimension}' is not a receivables dimension.", nameof(dimension));
        }

        if (!await kpis.TenantExistsAsync(tenant, cancellationToken))
        {
            return null;
        }

        return await ComputeForKnownTenantAsync(tenant, asOf, dimension, cancellationToken, version);
    }

    /// <summary>As <see cref="ComputeAsync"/> for a tenant the caller already knows exists.</summary>
    internal async Task<ReceivablesReport> ComputeForKnownTenantAsync(
        TenantId tenant, BillingMonth asOf, string? dimension, CancellationToken cancellationToken, int? version = null)
    {
        var (ledger, closeVersion) = await ledgers.ReadInvoiceLinesAsync(tenant, asOf, cancellationToken, version);
        return Build(tenant, ledger, asOf, dimension) with { CloseVersion = closeVersion };
    }

    /// <summary>The receivables of a ledger already read.</summary>
    public ReceivablesReport Build(TenantId tenant, InvoiceLedger ledger, BillingMonth asOf, string? dimension)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var metrics = settings.For(tenant).Metrics;
        var aging = ReceivablesAging.At(
            asOf, metrics.BusinessTimeZone, metrics.ReportingCurrency, ledger.Lines, ledger.Documents, ledger.Movements, new ExchangeRateTable(ledger.Rates));
        string SegmentOf(Invoice invoice) => Segment(dimension, invoice, ledger.Customers.GetValueOrDefault(invoice.CustomerId));
        var groups = aging.Invoices
            .GroupBy(SegmentOf, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new ReceivablesGroup(dimension ?? All, group.Key, aging.Totals(group)))
            .ToList();
        if (groups.Count == 0)
        {
            groups.Add(new ReceivablesGroup(dimension ?? All, dimension is null ? All : SegmentDimensions.None, aging.Totals([])));
        }

        var customers = aging.Invoices
            .GroupBy(invoice => (invoice.CustomerId, Segment: SegmentOf(invoice)))
            .Select(group => new CustomerReceivables(
                group.Key.CustomerId,
                ledger.Customers.GetValueOrDefault(group.Key.CustomerId)?.Name,
                dimension ?? All,
                group.Key.Segment,
                aging.Totals(group)))
            .Where(customer => customer.Totals.Total > 0m)
            .OrderByDescending(customer => customer.Totals.Total)
            .ThenBy(customer => customer.CustomerId, StringComparer.Ordinal)
            .ThenBy(customer => customer.Segment, StringComparer.Ordinal)
            .ToList();
        return new ReceivablesReport(aging, dimension ?? All, groups, customers)
        {
            SegmentOf = SegmentOf,
            TimeZone = metrics.BusinessTimeZone,
        };
    }

    private static string Segment(string? dimension, Invoice invoice, CustomerRecord? customer)
    {
        var value = dimension switch
        {
            null => All,
            SegmentDimensions.Plan => invoice.Plan,
            SegmentDimensions.Product => invoice.Product,
            SegmentDimensions.Currency => invoice.Currency.ToString(),
            SegmentDimensions.Country => customer?.Country,
            SegmentDimensions.Channel => customer?.Channel,
            _ => customer?.Segment,
        };
        return string.IsNullOrEmpty(value) ? SegmentDimensions.None : value;
    }
}
