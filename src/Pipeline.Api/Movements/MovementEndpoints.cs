using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Kpis;
using Pipeline.Application.Movements;

namespace Pipeline.Api.Movements;

/// <summary><c>GET /api/tenants/{tenant}/movements/{month}?type=</c>: the customers behind a month's movement figures.</summary>
public static class MovementEndpoints
{
    /// <summary>The movements <c>type=</c> takes.</summary>
    public static IReadOnlyList<string> Types { get; } = ["new", "expansion", "reactivation", "contraction", "churn", "subscribed-and-churned"];

    public static async Task<IResult> ListAsync(
        string tenant, string month, HttpRequest request, MovementQueryService movements, KpiQueryService queries,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(movements);
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryMonth(month, "month", out var billingMonth, out problem)
            || !TabularFormat.TryRead(request, out var format, out problem)
            || !RowPage.TryRead(request, out var page, out problem))
        {
            return problem;
        }

        var type = request.Query["type"].ToString().ToLowerInvariant();
        if (type.Length > 0 && !Types.Contains(type, StringComparer.Ordinal))
        {
            return ApiProblems.BadRequest($"type '{type}' is not a movement: use one of {string.Join(", ", Types)}.");
        }

        var drillDown = await movements.FindAsync(tenantId, billingMonth, cancellationToken);
        if (drillDown is null)
        {
            return await queries.TenantExistsAsync(tenantId, cancellationToken)
                ? ApiProblems.NotFound($"Tenant '{tenantId}' has no figures for {billingMonth}.")
                : KpiEndpoints.UnknownTenant(tenantId);
        }

        var rows = drillDown.Movements
            .Where(movement => type.Length == 0 || MovementRow.NameOf(movement) == type)
            .Select(movement => MovementRow.From(drillDown, movement))
            .ToList();
        var headline = drillDown.Headline;
        return page.Around(
            TabularResults.Rows(
                page.Of(rows), format, headline.Status == KpiStatus.Closed ? ResponseFreshness.Closed : ResponseFreshness.Live, headline.ComputedAt),
            rows.Count);
    }
}
