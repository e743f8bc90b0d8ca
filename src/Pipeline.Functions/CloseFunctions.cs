using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Closes;
using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;

namespace Pipeline.Functions;

/// <summary>HTTP triggers for ops: close months on demand, reopen them with a reason, list closes, show one month's close, break a dead closer's lease.</summary>
public sealed class CloseFunctions(MonthCloseService closes, KpiQueryService queries)
{
    [Function("CloseMonth")]
    public async Task CloseAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Close)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        await (await CloseEndpoints.CloseAsync(tenant, month, request, closes, cancellationToken)).ExecuteAsync(request.HttpContext);

    [Function("ListCloses")]
    public async Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Closes)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        await (await CloseEndpoints.ListAsync(tenant, request, closes, queries, cancellationToken)).ExecuteAsync(request.HttpContext);

    [Function("GetClose")]
    public async Task GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Close)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        await (await CloseEndpoints.GetAsync(tenant, month, closes, queries, cancellationToken)).ExecuteAsync(request.HttpContext);

    [Function("BreakCloseLease")]
    public async Task BreakLeaseAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = ApiRoutes.CloseLease)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        await (await CloseLeaseEndpoints.BreakAsync(tenant, request, closes, queries, cancellationToken)).ExecuteAsync(request.HttpContext);

    [Function("ReopenMonth")]
    public async Task ReopenAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Reopen)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        await (await CloseEndpoints.ReopenAsync(tenant, month, request, closes, queries, cancellationToken)).ExecuteAsync(request.HttpContext);
}
