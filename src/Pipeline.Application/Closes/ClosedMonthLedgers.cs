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
    /// <param name="tenant">The tenant.</param>
    /// <param name="month">The month whose end the figures are at.</param>
    /// <param name="version">A close version to read as of (also one reopened since); null for the month's current state.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CloseVersionUnavailableException"><paramref name="version"/> does not exist, or its inputs cannot be told apart.</exception>
    public Task<(TenantLedger Ledger, int? CloseVersion)> ReadAsync(
        TenantId tenant, BillingMonth month, CancellationToken cancellationToken, int? version = null) =>
        ReadAsOfAsync(
            tenant, month, version,
            close => ledgers.ReadAsClosedAsync(tenant, close.InputImports, close.InputsFingerprint, cancellationToken),
            () => ledgers.ReadAsync(tenant, cancellationToken),
            cancellationToken);

    /// <summary>The invoice lines of <paramref name="month"/>'s receivables and the close version they are as of (null: the current ones).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="month">The month whose end the receivables are at.</param>
    /// <param name="version">A close version to read as of (also one reopened since); null for the month's current state.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CloseVersionUnavailableException"><paramref name="version"/> does not exist, or its inputs cannot be told apart.</exception>
    public Task<(InvoiceLedger Ledger, int? CloseVersion)> ReadInvoiceLinesAsync(
        TenantId tenant, BillingMonth month, CancellationToken cancellationToken, int? version = null) =>
        ReadAsOfAsync(
            tenant, month, version,
            close => ledgers.ReadInvoiceLinesAsClosedAsync(tenant, close.InputImports, close.InputsFingerprint, cancellationToken),
            () => ledgers.ReadInvoiceLinesAsync(tenant, cancellationToken),
            cancellationToken);

    /// <summary>What <paramref name="asClosed"/> reads for the month's close (or <paramref name="version"/>), else what <paramref name="current"/> reads.</summary>
    private async Task<(T Ledger, int? CloseVersion)> ReadAsOfAsync<T>(
        TenantId tenant, BillingMonth month, int? version, Func<CloseRecord, Task<T?>> asClosed, Func<Task<T>> current,
        CancellationToken cancellationToken)
        where T : class
    {
        if (await ClosedAsync(tenant, month, version, cancellationToken) is { } close)
        {
            if (await asClosed(close) is { } closed)
            {
                return (closed, close.Version);
            }

            ThrowIfAsked(tenant, close, version);
        }

        return (await current(), null);
    }

    /// <summary>The month's current close record when it is closed; with <paramref name="version"/>, that version's record (closed, or reopened since).</summary>
    private async Task<CloseRecord?> ClosedAsync(TenantId tenant, BillingMonth month, int? version, CancellationToken cancellationToken)
    {
        if (version is not { } asked)
        {
            return await closes.FindAsync(tenant, month, cancellationToken) is { Status: CloseStatus.Closed } close ? close : null;
        }

        return (await closes.ListVersionsAsync(tenant, month, cancellationToken))
            .FirstOrDefault(record => record.Version == asked && record.Status is CloseStatus.Closed or CloseStatus.Reopened)
            ?? throw new CloseVersionUnavailableException($"Tenant '{tenant}' has no closed version {asked} of {month}.", versionExists: false);
    }

    private static void ThrowIfAsked(TenantId tenant, CloseRecord close, int? version)
    {
        if (version is not null)
        {
            throw new CloseVersionUnavailableException(
                $"Version {close.Version} of {close.Month} of tenant '{tenant}' read {close.InputImports} import(s) that can no longer be told apart from those accepted since (a file received before the close was accepted after it): its figures cannot be recomputed.",
                versionExists: true);
        }
    }
}
