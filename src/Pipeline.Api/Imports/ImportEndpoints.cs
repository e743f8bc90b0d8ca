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
            || !TabularFormat.TryRead(request, out var format, out problem))
        {
            return problem;
        }

        var records = await queries.ListAsync(tenantId, cancellationToken);
        return records.Count == 0
            ? ApiProblems.NotFound($"Tenant '{tenantId}' is unknown: no export was ever dropped for it.")
            : TabularResults.Rows(records.Select(ImportSummary.From).ToList(), format);
    }

    public static async Task<IResult> GetAsync(
        string tenant, string id, ImportQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem))
        {
            return problem;
        }

        if (!IsImportId(id))
        {
            return ApiProblems.BadRequest($"'{id}' is not an import id.");
        }

        var found = await queries.FindAsync(tenantId, id, cancellationToken);
        return found is { } import
            ? Results.Json(ImportDetail.From(import.Record, import.Report), ApiJson.Options)
            : ApiProblems.NotFound($"Tenant '{tenantId}' has no import '{id}'.");
    }

    /// <summary>
    /// <c>GET …/imports/{id}/errors?offset=0&amp;limit=100</c>: one page of the import's listed bad-row errors, with the
    /// totals and the counts of the errors not listed. 400 for a bad offset or limit (0–<see cref="ImportErrorPage.MaxLimit"/>),
    /// 404 for an unknown import or one without a report yet.
    /// </summary>
    public static async Task<IResult> ListErrorsAsync(
        string tenant, string id, HttpRequest request, ImportQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem))
        {
            return problem;
        }

        if (!IsImportId(id))
        {
            return ApiProblems.BadRequest($"'{id}' is not an import id.");
        }

        if (!RouteValues.TryWholeNumber(request, "offset", 0, 0, int.MaxValue, out var offset, out problem)
            || !RouteValues.TryWholeNumber(request, "limit", ImportErrorPage.DefaultLimit, 0, ImportErrorPage.MaxLimit, out var limit, out problem))
        {
            return problem;
        }

        var found = await queries.FindAsync(tenantId, id, cancellationToken);
        return found switch
        {
            null => ApiProblems.NotFound($"Tenant '{tenantId}' has no import '{id}'."),
            { Report: null } => ApiProblems.NotFound($"Import '{id}' of tenant '{tenantId}' has no report yet (it is still processing)."),
            { Report: { } report } => Results.Json(ImportErrorPage.From(report, offset, limit), ApiJson.Options),
        };
    }

    private static bool IsImportId(string id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 128 && id.AsSpan().IndexOfAny("/\\#?") < 0 && !id.Any(char.IsControl);
}
