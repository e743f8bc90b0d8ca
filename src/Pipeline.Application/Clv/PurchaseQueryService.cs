using Pipeline.Application.Clv.Estimation;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Domain.Clv;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Clv;

/// <summary>Non-contractual customer value (BG/NBD and Gamma-Gamma, METRICS.md §8): per group, fitted at a calibration end.</summary>
/// <remarks>
/// Computed on each read from the tenant's ledger, never stored. The purchases are the one-time and usage lines of
/// <see cref="PurchaseLines"/> up to and including <c>calibrationEnd</c>; each buyer's history is summarised by
/// <see cref="PurchaseSummaries"/> in the requested unit. A buyer is in one group of a dimension: plan, product and
/// currency of its first purchase line, country, channel and segment its master data, cohort the month of its first purchase.
/// </remarks>
public sealed class PurchaseQueryService(TenantLedgerReader ledgers, KpiQueryService kpis, TenantSettings settings, TimeProvider clock)
{
    /// <summary>The default calibration end: the last day of the latest month that has ended for <paramref name="tenant"/>.</summary>
    public DateOnly DefaultCalibrationEnd(TenantId tenant) => settings.For(tenant).CurrentMonth(clock.GetUtcNow()).Previous().LastDay;

    /// <summary>Whether <paramref name="day"/> has ended in the tenant's business time zone (a calibration period must be over).</summary>
    public bool HasEnded(TenantId tenant, DateOnly day) =>
        day < DateOnly.MaxValue && BillingMonth.StartOfDay(day.AddDays(1), settings.For(tenant).BusinessTimeZone) <= clock.GetUtcNow();

    /// <summary>The groups of <paramref name="dimension"/> (null for one overall group); null for an unknown tenant.</summary>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="SubscriberBaseReader.Dimensions"/>.</exception>
    /// <exception cref="MissingExchangeRateException">A purchase in another currency has no rate for its month's end.</exception>
    public async Task<PurchaseReport?> ComputeAsync(
        TenantId tenant, DateOnly calibrationEnd, PurchaseTimeUnit unit, string? dimension, CancellationToken cancellationToken)
    {
        SubscriberBaseReader.CheckDimension(dimension);
        if (!await kpis.TenantExistsAsync(tenant, cancellationToken))
        {
            return null;
        }

        return Build(tenant, await ledgers.ReadAsync(tenant, cancellationToken), calibrationEnd, unit, dimension);
    }

    /// <summary>The groups of a ledger already read.</summary>
    public PurchaseReport Build(TenantId tenant, TenantLedger ledger, DateOnly calibrationEnd, PurchaseTimeUnit unit, string? dimension)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        SubscriberBaseReader.CheckDimension(dimension);
        var metrics = settings.For(tenant).Metrics;
        var rates = new ExchangeRateTable(ledger.Rates);
        var purchases = new List<(string CustomerId, DateOnly Day, decimal Value)>();
        var firstLines = new Dictionary<string, (DateOnly Day, RevenueLine Line)>(StringComparer.Ordinal);
        foreach (var line in ledger.Lines)
        {
            if (!PurchaseLines.IsPurchase(line))
            {
                continue;
            }

            var day = PurchaseLines.Day(line, metrics.BusinessTimeZone);
            if (day > calibrationEnd)
            {
                continue;
            }

            purchases.Add((line.CustomerId, day, PurchaseLines.Value(line, day, rates, metrics.ReportingCurrency)));
            // The earliest day wins; on a tie the earlier source position.
            if (!firstLines.TryGetValue(line.CustomerId, out var earlier) || day < earlier.Day)
            {
                firstLines[line.CustomerId] = (day, line);
            }
        }

        var groups = PurchaseSummaries.From(purchases, calibrationEnd, unit)
            .GroupBy(summary =>
            {
                var (day, line) = firstLines[summary.CustomerId];
                return ClvSegments.Of(dimension, line, BillingMonth.FromDate(day), ledger.Customers.GetValueOrDefault(summary.CustomerId));
            })
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                List<PurchaseSummary> members = [.. group];
                return new PurchaseGroup(
                    dimension ?? SubscriberBaseReader.All, group.Key, PurchaseFit.Fit(members), SpendFit.Fit(members), members);
            })
            .ToList();
        return new PurchaseReport(calibrationEnd, unit, metrics.ReportingCurrency, groups);
    }
}
