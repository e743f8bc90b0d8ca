using Pipeline.Domain;

namespace Pipeline.Application.Kpis;

/// <summary>A tenant's KPI change stamp: a value that changes after every write of any of its KPI snapshot rows.</summary>
/// <remarks>
/// The store changes the stamp after the rows are written (closed, provisional, reopened, segments, cohort cells), so a
/// reader that reads the stamp first and the rows after it never keeps rows older than the stamp says
/// (<see cref="ClosedKpiCache"/>). One small entity per tenant: reading it is one point read.
/// </remarks>
public interface IKpiChangeStamps
{
    /// <summary>
    /// Raised after this process gave a tenant a new stamp (its rows were written here), with that stamp: readers in the
    /// same process see the change at once, without reading the stamp.
    /// </summary>
    event Action<TenantId, string>? Changed;

    /// <summary>The tenant's stamp; null when its rows were never written since stamps exist (a reader then goes to the store).</summary>
    Task<string?> ReadAsync(TenantId tenant, CancellationToken cancellationToken);
}
