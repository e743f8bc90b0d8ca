using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Loyalty;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api.Loyalty;

/// <summary><c>GET /api/tenants/{tenant}/loyalty?from=&amp;to=&amp;by=&amp;format=</c>: loyalty figures per month (METRICS.md §9).</summary>
public static class LoyaltyEndpoints
{
    /// <summary>
    /// The rows of the months from <c>from</c> to <c>to</c> (yyyy-MM, inclusive, optional) that have KPI rows, oldest first;
    /// with <c>by=</c> a segment dimension one row per month and segment; JSON or CSV. 400 for a bad value, 404 for an
    /// unknown tenant.
    /// </summary>
    public static async Task<IResult> ListAsync(string tenant, HttpRequest request, LoyaltyQueryService loyalty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(loyalty);
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
        if (by.Length > 0 && !SegmentDimensions.All.Contains(by, StringComparer.Ordinal))
        {
            return ApiProblems.BadRequest($"by '{by}' is not a dimension: use one of {string.Join(", ", SegmentDimensions.All)}.");
        }

        var report = await loyalty.ListAsync(tenantId, from, to, by.Length > 0 ? by : null, cancellationToken);
        return report is null
            ? KpiEndpoints.UnknownTenant(tenantId)
            : TabularResults.Rows([.. report.Months.Select(month => LoyaltyRow.From(month, report.Currency))], csv);
    }
}
