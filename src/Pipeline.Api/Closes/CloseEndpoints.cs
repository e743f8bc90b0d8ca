using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pipeline.Api.Access;
using Pipeline.Api.Http;
using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;

namespace Pipeline.Api.Closes;

/// <summary>Ops endpoints for the monthly close: <c>POST /api/tenants/{tenant}/closes/{month}</c>, <c>…/reopen</c>, <c>GET …/closes</c> and <c>GET …/closes/{month}</c>.</summary>
public static class CloseEndpoints
{
    /// <summary>
    /// The header that says who closes in <see cref="ApiAccessMode.None"/> (development) only; in every other mode who
    /// closes or reopens is the authenticated caller (<see cref="ApiCaller.AuditName"/>) and the header is ignored.
    /// </summary>
    public const string ClosedByHeader = ApiCaller.DevelopmentUserHeader;

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
            case CloseOutcomeKind.Busy:
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
            || !TabularFormat.TryRead(request, out var format, out problem))
        {
            return problem;
        }

        var records = await closes.ListAsync(tenantId, cancellationToken);
        if (records.Count == 0 && !await queries.TenantExistsAsync(tenantId, cancellationToken))
        {
            return ApiProblems.NotFound($"Tenant '{tenantId}' is unknown: no export was ever dropped for it.");
        }

        return TabularResults.Rows(records.Select(CloseRow.From).ToList(), format);
    }

    /// <summary>
    /// <c>POST …/closes/{month}/reopen</c> with <c>{"reason": "…"}</c>: reopens the month and every later closed month.
    /// 400 without a reason, 404 for an unknown tenant, 409 when the month is not closed or another close is running.
    /// </summary>
    public static async Task<IResult> ReopenAsync(
        string tenant, string month, HttpRequest request, MonthCloseService closes, KpiQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(closes);
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryMonth(month, "month", out var billingMonth, out problem))
        {
            return problem;
        }

        ReopenRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ReopenRequest>(request.Body, ApiJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            body = null;
        }

        var reason = body?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return ApiProblems.BadRequest("A reopen needs a reason: send the JSON body {\"reason\": \"…\"}.");
        }

        if (ReopenReason.Problem(reason) is { } unacceptable)
        {
            return ApiProblems.BadRequest(unacceptable);
        }

        if (!await queries.TenantExistsAsync(tenantId, cancellationToken))
        {
            return ApiProblems.NotFound($"Tenant '{tenantId}' is unknown: no export was ever dropped for it.");
        }

        var by = ClosedBy(request);
        var outcome = await closes.ReopenAsync(tenantId, billingMonth, reason, by, cancellationToken);
        return outcome.Kind == CloseOutcomeKind.Reopened
            ? Results.Json(
                new ReopenResponse(billingMonth.ToString(), outcome.ClosedNow.Select(record => record.Month.ToString()).ToList(), reason, by),
                ApiJson.Options)
            : ApiProblems.Conflict(outcome.Message!);
    }

    /// <summary><c>GET …/closes/{month}</c>: status, version, closed at/by, inputs, pending restatement delta, versions, audit.</summary>
    public static async Task<IResult> GetAsync(
        string tenant, string month, MonthCloseService closes, KpiQueryService queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closes);
        ArgumentNullException.ThrowIfNull(queries);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem)
            || !RouteValues.TryMonth(month, "month", out var billingMonth, out problem))
        {
            return problem;
        }

        if (!await queries.TenantExistsAsync(tenantId, cancellationToken))
        {
            return ApiProblems.NotFound($"Tenant '{tenantId}' is unknown: no export was ever dropped for it.");
        }

        var state = await closes.StateAsync(tenantId, billingMonth, cancellationToken);
        if (state.Current is null && await queries.FindAsync(tenantId, billingMonth, cancellationToken) is null)
        {
            return ApiProblems.NotFound($"Tenant '{tenantId}' has neither figures nor a close for {billingMonth}.");
        }

        return Results.Json(CloseStateResponse.From(state), ApiJson.Options);
    }

    /// <summary>Who calls, for the audit trail: the authenticated principal (<see cref="ApiCaller.AuditName"/>).</summary>
    internal static string ClosedBy(HttpRequest request) => ApiCaller.Of(request.HttpContext).AuditName;
}
