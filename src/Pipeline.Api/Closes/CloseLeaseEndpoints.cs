using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;

namespace Pipeline.Api.Closes;

/// <summary><c>DELETE /api/tenants/{tenant}/closes/lease?reason=…</c>: ops break a dead closer's lease instead of waiting for it to expire.</summary>
public static class CloseLeaseEndpoints
{
    /// <summary>
    /// Breaks the tenant's close lease with a required reason (query <c>reason</c>), recorded in the audit trail with the
    /// caller (the authenticated principal, <see cref="Access.ApiCaller.AuditName"/>). 400 without an acceptable reason, 404 for an unknown tenant or when nobody holds
    /// the lease, 409 when the lease changed hands meanwhile (its closer is alive).
    /// </summary>
    public static async Task<IResult> BreakAsync(
        string tenant, HttpRequest request, MonthCloseService closes, KpiQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(closes);
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem))
        {
            return problem;
        }

        var reason = request.Query["reason"].ToString().Trim();
        if (reason.Length == 0)
        {
            return ApiProblems.BadRequest("Breaking the close lease needs a reason: DELETE …/closes/lease?reason=closer%20on%20web01%20was%20killed.");
        }

        if (MonthCloseService.LeaseBreakProblem(reason) is { } unacceptable)
        {
            return ApiProblems.BadRequest(unacceptable);
        }

        if (!await queries.TenantExistsAsync(tenantId, cancellationToken))
        {
            return ApiProblems.NotFound($"Tenant '{tenantId}' is unknown: no export was ever dropped for it.");
        }

        var by = CloseEndpoints.ClosedBy(request);
        var result = await closes.BreakLeaseAsync(tenantId, reason, by, cancellationToken);
        return result switch
        {
            { Kind: CloseLeaseBreakKind.Broken, Lease: { } lease, AuditMonth: { } month } => Results.Json(
                new CloseLeaseBreakResponse(tenantId.Value, lease.Holder, lease.AcquiredAt, lease.ExpiresAt, reason, by, month.ToString()),
                ApiJson.Options),
            { Kind: CloseLeaseBreakKind.NotHeld } => ApiProblems.NotFound(result.Message),
            _ => ApiProblems.Conflict(result.Message),
        };
    }
}
