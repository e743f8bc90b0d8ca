using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;

namespace Pipeline.Api.Closes;

/// <summary>Ops endpoints for the monthly close: <c>POST /api/tenants/{tenant}/closes/{month}</c> and <c>GET …/closes</c>.</summary>
public static class CloseEndpoints
{
    /// <summary>The header a caller may use to say who closes (recorded in the Closes table); otherwise "api".</summary>
    public const string ClosedByHeader = "X-Pipeline-User";

    public static async Task<IResult> CloseAsync(
        string tenant, string month, HttpRequest request, MonthCloseService closes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(closes);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryMonth(month, "month", out var through, out problem))
        {
            return problem;
        }

        var outcome = await closes.CloseThroughAsync(tenantId, through, ClosedBy(request), cancellationToken);
        switch (outcome.Kind)
        {
            case CloseOutcomeKind.MonthNotEnded:
            case CloseOutcomeKind.MissingExchangeRate:
                return ApiProblems.Conflict(outcome.Message!);
            case CloseOutcomeKind.NoData:
            case CloseOutcomeKind.BeforeFirstMonth:
                return ApiProblems.NotFound(outcome.Message!);
        }

        var records = await closes.ListAsync(tenantId, cancellationToken);
        return Results.Json(
            new CloseResponse(
                through.ToString(),
                outcome.ClosedNow.Select(record => record.Month.ToString()).ToList(),
                records.Where(record => record.Month <= through).Select(CloseRow.From).ToList()),
            ApiJson.Options);
    }

    public static async Task<IResult> ListAsync(
        string tenant, HttpRequest request, MonthCloseService closes, KpiQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closes);
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !TabularResults.TryWantsCsv(request, out var csv, out problem))
        {
            return problem;
        }

        var records = await closes.ListAsync(tenantId, cancellationToken);
        if (records.Count == 0 && !await queries.TenantExistsAsync(tenantId, cancellationToken))
        {
            return ApiProblems.NotFound($"Tenant '{tenantId}' is unknown: no export was ever dropped for it.");
        }

        return TabularResults.Rows(records.Select(CloseRow.From).ToList(), csv);
    }

    private static string ClosedBy(HttpRequest request)
    {
        var user = request.HttpContext.User.Identity?.Name ?? request.Headers[ClosedByHeader].ToString();
        return string.IsNullOrWhiteSpace(user) ? "api" : user.Trim()[..Math.Min(user.Trim().Length, 100)];
    }
}
