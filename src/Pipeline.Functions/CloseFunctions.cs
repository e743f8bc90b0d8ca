using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Closes;
using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;

namespace Pipeline.Functions;

/// <summary>HTTP triggers for ops: close months on demand, reopen them with a reason, list closes, show one month's close, break a dead closer's lease.</summary>
public sealed class CloseFunctions(ApiAccess access, MonthCloseService closes, KpiQueryService queries)
{
    [Function("CloseMonth")]
    public Task CloseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Close)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Operate, () => CloseEndpoints.CloseAsync(tenant, month, request, closes, cancellationToken));

    [Function("ListCloses")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Closes)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => CloseEndpoints.ListAsync(tenant, request, closes, queries, cancellationToken));

    [Function("GetClose")]
    public Task GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Close)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => CloseEndpoints.GetAsync(tenant, month, closes, queries, cancellationToken));

    [Function("BreakCloseLease")]
    public Task BreakLeaseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.CloseLease)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Operate, () => CloseLeaseEndpoints.BreakAsync(tenant, request, closes, queries, cancellationToken));

    [Function("ReopenMonth")]
    public Task ReopenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Reopen)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Operate, () => CloseEndpoints.ReopenAsync(tenant, month, request, closes, queries, cancellationToken));
}
