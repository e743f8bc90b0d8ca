using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Application.Loyalty;
using Pipeline.Domain;

namespace Pipeline.Application.Movements;

/// <summary>Reads the movement drill-down that was stored with a month's figures (closed or provisional).</summary>
/// <remarks>
/// A month whose headline row is closed reads the artifacts of that close version; any other month reads its
/// provisional artifacts, which are the only ones provisional refreshes write (<see cref="ICloseArtifactStore"/>). Each
/// customer's latest survey answer by the month's end comes with it (was the churned customer a promoter?).
/// </remarks>
public sealed class MovementQueryService(IKpiSnapshotStore snapshots, ICloseArtifactStore artifacts, TenantLedgerReader ledgers, TenantSettings settings)
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
        var responses = (await ledgers.ReadResponsesAsync(tenant, cancellationToken))
            .Where(response => !closed || response.ImportedAt is not { } imported || imported <= headline.ComputedAt);
        var end = month.EndInstant(settings.For(tenant).BusinessTimeZone);
        return new MovementDrillDown(headline, movements, closing.ToDictionary(customer => customer.CustomerId, StringComparer.Ordinal))
        {
            Answers = SurveyAnswers.LatestBy(responses, end),
        };
    }
}
