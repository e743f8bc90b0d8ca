using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application.Imports;

namespace Pipeline.Api.Imports;

/// <summary>The import log: <c>GET /api/tenants/{tenant}/imports</c> and <c>…/imports/{id}</c>.</summary>
public static class ImportEndpoints
{
    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, ImportQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !TabularResults.TryWantsCsv(request, out var csv, out problem))
        {
            return problem;
        }

        var records = await queries.ListAsync(tenantId, cancellationToken);
        return records.Count == 0
            ? ApiProblems.NotFound($"Tenant '{tenantId}' is unknown: no export was ever dropped for it.")
            : TabularResults.Rows(records.Select(ImportSummary.From).ToList(), csv);
    }

    public static async Task<IResult> GetAsync(
        string tenant, string id, ImportQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem))
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > 128 || id.AsSpan().IndexOfAny("/\\#?") >= 0 || id.Any(char.IsControl))
        {
            return ApiProblems.BadRequest($"'{id}' is not an import id.");
        }

        var found = await queries.FindAsync(tenantId, id, cancellationToken);
        return found is { } import
            ? Results.Json(ImportDetail.From(import.Record, import.Report), ApiJson.Options)
            : ApiProblems.NotFound($"Tenant '{tenantId}' has no import '{id}'.");
    }
}
