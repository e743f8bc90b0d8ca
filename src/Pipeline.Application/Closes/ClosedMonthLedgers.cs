using Pipeline.Application.Ledger;
using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>The ledger the figures of a month end derive from: as the month's close read it when the month is closed.</summary>
/// <remarks>
/// Customer value, value cards and receivables at the end of a closed month are computed from the imports its current
/// close version read (<see cref="TenantLedgerReader.ReadAsClosedAsync"/>), so they stay as closed when later files
/// arrive, and change only with a reopen and a new close version, as KPI rows do. An open month, and a closed month
/// whose inputs can no longer be told apart (an import received before the close was accepted after it), use the
/// current ledger: the close version is then null, and the rows say so.
/// </remarks>
public sealed class ClosedMonthLedgers(ICloseLog closes, TenantLedgerReader ledgers)
{
    /// <summary>The ledger of <paramref name="month"/>'s figures and the close version it is as of (null: the current ledger).</summary>
    public async Task<(TenantLedger Ledger, int? CloseVersion)> ReadAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        if (await ClosedAsync(tenant, month, cancellationToken) is { } close
            && await ledgers.ReadAsClosedAsync(tenant, close.InputImports, close.InputsFingerprint, cancellationToken) is { } closed)
        {
            return (closed, close.Version);
        }

        return (await ledgers.ReadAsync(tenant, cancellationToken), null);
    }

    /// <summary>The invoice lines of <paramref name="month"/>'s receivables and the close version they are as of (null: the current ones).</summary>
    public async Task<(InvoiceLedger Ledger, int? CloseVersion)> ReadInvoiceLinesAsync(
        TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        if (await ClosedAsync(tenant, month, cancellationToken) is { } close
            && await ledgers.ReadInvoiceLinesAsClosedAsync(tenant, close.InputImports, close.InputsFingerprint, cancellationToken) is { } closed)
        {
            return (closed, close.Version);
        }

        return (await ledgers.ReadInvoiceLinesAsync(tenant, cancellationToken), null);
    }

    private async Task<CloseRecord?> ClosedAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        await closes.FindAsync(tenant, month, cancellationToken) is { Status: CloseStatus.Closed } close ? close : null;
}
