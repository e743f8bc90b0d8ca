using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application.Kpis;

namespace Pipeline.Api.Kpis;

/// <summary>The KPI reads: <c>GET /api/tenants/{tenant}/kpis</c> and <c>…/kpis/{month}</c>.</summary>
public static class KpiEndpoints
{
    /// <summary>Monthly rows in <c>from</c>..<c>to</c> (both optional, inclusive), oldest first, as JSON or CSV.</summary>
    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, KpiQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryOptionalMonth(request, "from", out var from, out problem)
            || !RouteValues.TryOptionalMonth(request, "to", out var to, out problem)
            || !TabularResults.TryWantsCsv(request, out var csv, out problem))
        {
            return problem;
        }

        if (from > to)
        {
            return ApiProblems.BadRequest($"from {from} is after to {to}.");
        }

        var rows = await queries.ListAsync(tenantId, from, to, cancellationToken);
        return rows is null
            ? ApiProblems.NotFound($"Tenant '{tenantId}' is unknown: no export was ever dropped for it.")
            : TabularResults.Rows(rows.Select(KpiRow.From).ToList(), csv);
    }

    /// <summary>One month's row.</summary>
    public static async Task<IResult> GetAsync(
        string tenant, string month, HttpRequest request, KpiQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryMonth(month, "month", out var billingMonth, out problem)
            || !TabularResults.TryWantsCsv(request, out var csv, out problem))
        {
            return problem;
        }

        var snapshot = await queries.FindAsync(tenantId, billingMonth, cancellationToken);
        if (snapshot is null)
        {
            return await queries.TenantExistsAsync(tenantId, cancellationToken)
                ? ApiProblems.NotFound($"Tenant '{tenantId}' has no figures for {billingMonth}.")
                : ApiProblems.NotFound($"Tenant '{tenantId}' is unknown: no export was ever dropped for it.");
        }

        var row = KpiRow.From(snapshot);
        return csv ? TabularResults.Rows([row], csv: true) : Results.Json(row, ApiJson.Options);
    }
}
