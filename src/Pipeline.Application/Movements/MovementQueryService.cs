using Pipeline.Application.Ports;
using Pipeline.Domain;

namespace Pipeline.Application.Movements;

/// <summary>Reads the movement drill-down that was stored with a month's figures (closed or provisional).</summary>
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

        var movements = await artifacts.ReadMovementsAsync(tenant, month, headline.Version, cancellationToken)
            ?? throw new InvalidOperationException($"The drill-down of {month} (version {headline.Version}) of tenant {tenant} is missing.");
        var closing = await artifacts.ReadClosingAsync(tenant, month, headline.Version, cancellationToken) ?? [];
        return new MovementDrillDown(headline, movements, closing.ToDictionary(customer => customer.CustomerId, StringComparer.Ordinal));
    }
}
