using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Application.Movements;

/// <summary>Reads the movement drill-down that was stored with a month's figures (closed or provisional).</summary>
/// <remarks>
/// A month whose headline row is closed reads the artifacts of that close version; any other month reads its
/// provisional artifacts, which are the only ones provisional refreshes write (<see cref="ICloseArtifactStore"/>).
/// </remarks>
public sealed class MovementQueryService(IKpiSnapshotStore snapshots, ICloseArtifactStore artifacts)
{
    /// <summary>The drill-down of <paramref name="month"/>, or null when the month has no figures.</summary>
    public async Task<MovementDrillDown?> FindAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
    {
        var headline = await snapshots.FindAsync(tenant, month, cancellationToken);
        if (headline is null)
        {
            return null;
        }

        var closed = headline.Status == KpiStatus.Closed;
        var movements = (closed
                ? await artifacts.ReadMovementsAsync(tenant, month, headline.Version, cancellationToken)
                : await artifacts.ReadProvisionalMovementsAsync(tenant, month, cancellationToken))
            ?? throw new InvalidOperationException(closed
                ? $"The drill-down of {month} (version {headline.Version}) of tenant {tenant} is missing."
                : $"The provisional drill-down of {month} of tenant {tenant} is missing.");
        var closing = (closed
            ? await artifacts.ReadClosingAsync(tenant, month, headline.Version, cancellationToken)
            : await artifacts.ReadProvisionalClosingAsync(tenant, month, cancellationToken)) ?? [];
        return new MovementDrillDown(headline, movements, closing.ToDictionary(customer => customer.CustomerId, StringComparer.Ordinal));
    }
}
