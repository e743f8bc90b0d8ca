using Pipeline.Application.Imports;

namespace Pipeline.Application.Closes;

/// <summary>Which tenants have months due for close, and through which month: the list a scheduled close fans out over.</summary>
/// <remarks>
/// <para>
/// A tenant has months due when its latest due month (<c>CloseLagDays</c> after the month's end in the tenant's
/// business time zone, see <see cref="TenantCalendar.LatestDueMonth"/>) is not closed, and one of its accepted imports
/// has revenue lines starting in or before that month. Closed months are always a tenant's oldest ones (a close goes
/// oldest first, a reopen reopens every later closed month too), so a closed latest due month means every due month
/// is closed. A tenant whose revenue all starts after its latest due month, or that only has refused or failed files,
/// has nothing to close.
/// </para>
/// <para>
/// Reads one <c>Closes</c> record per tenant, and a tenant's import records only when its latest due month is open:
/// a day on which nothing is due costs a point read per tenant, never a ledger read.
/// </para>
/// </remarks>
public sealed class DueCloses(IImportLog imports, ICloseLog closes, TenantSettings settings, TimeProvider clock)
{
    /// <summary>Every tenant with months due for close now, each with its latest due month, in the import log's tenant order.</summary>
    public async Task<IReadOnlyList<DueClose>> ListAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = new List<DueClose>();
        foreach (var tenant in await imports.ListTenantsAsync(cancellationToken))
        {
            var through = settings.For(tenant).LatestDueMonth(now);
            if (await closes.FindAsync(tenant, through, cancellationToken) is { Status: CloseStatus.Closed })
            {
                continue;
            }

            var records = await imports.ListAsync(tenant, cancellationToken);
            if (records.Any(record => record.Status == ImportStatus.Accepted && record.FirstMonth is { } first && first <= through))
            {
                due.Add(new DueClose(tenant, through));
            }
        }

        return due;
    }
}
