using Pipeline.Application.Imports;
using Pipeline.Application.Ledger;
using Pipeline.Domain;

namespace Pipeline.Application.Payments;

/// <summary>Reads the ledger's money movements (payments, refunds, credits, chargebacks): cash, never MRR.</summary>
public sealed class PaymentQueryService(TenantLedgerReader ledger, IImportLog imports, TenantSettings settings)
{
    /// <summary>
    /// The movements that occurred in <paramref name="from"/>..<paramref name="to"/> (inclusive, business time zone;
    /// either may be null for no bound), ordered by occurrence, then import order; null when the tenant is unknown.
    /// </summary>
    public async Task<IReadOnlyList<PaymentEntry>?> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        if ((await imports.ListAsync(tenant, cancellationToken)).Count == 0)
        {
            return null;
        }

        var timeZone = settings.For(tenant).BusinessTimeZone;
        var movements = await ledger.ReadMovementsAsync(tenant, cancellationToken);
        return movements
            .Select(movement => new PaymentEntry(BillingMonth.Containing(movement.OccurredAt, timeZone), movement))
            .Where(entry => (from is null || entry.Month >= from) && (to is null || entry.Month <= to))
            .OrderBy(entry => entry.Movement.OccurredAt)
            .ToList();
    }
}
