using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api.Kpis;

/// <summary>The KPI reads: <c>GET /api/tenants/{tenant}/kpis</c> (optionally <c>by=</c> a dimension) and <c>…/kpis/{month}</c>.</summary>
public static class KpiEndpoints
{
    /// <summary>Monthly rows in <c>from</c>..<c>to</c> (both optional, inclusive), oldest first, as JSON or CSV.</summary>
    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, KpiQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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

        var by = request.Query["by"].ToString();
        if (by.Length > 0)
        {
            return SegmentDimensions.All.Contains(by, StringComparer.Ordinal)
                ? await SegmentsAsync(tenantId, by, from, to, csv, queries, cancellationToken)
                : ApiProblems.BadRequest($"by '{by}' is not a dimension: use one of {string.Join(", ", SegmentDimensions.All)}.");
        }

        var rows = await queries.ListAsync(tenantId, from, to, cancellationToken);
        return rows is null ? UnknownTenant(tenantId) : TabularResults.Rows(rows.Select(KpiRow.From).ToList(), csv);
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
                : UnknownTenant(tenantId);
        }

        var row = KpiRow.From(snapshot);
        return csv ? TabularResults.Rows([row], csv: true) : Results.Json(row, ApiJson.Options);
    }

    private static async Task<IResult> SegmentsAsync(
        TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, bool csv, KpiQueryService queries,
        CancellationToken cancellationToken)
    {
        var segments = await queries.ListSegmentsAsync(tenant, dimension, from, to, cancellationToken);
        if (segments is null)
        {
            return UnknownTenant(tenant);
        }

        var headlines = (await queries.ListAsync(tenant, from, to, cancellationToken) ?? [])
            .ToDictionary(row => row.Kpis.Month);
        return TabularResults.Rows(
            segments.Select(segment => KpiRow.From(segment, headlines.GetValueOrDefault(segment.Segment.Kpis.Month))).ToList(),
            csv);
    }

    internal static IResult UnknownTenant(TenantId tenant) =>
        ApiProblems.NotFound($"Tenant '{tenant}' is unknown: no export was ever dropped for it.");
}
