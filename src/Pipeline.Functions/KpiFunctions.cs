using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Kpis;
using Pipeline.Application.Kpis;

namespace Pipeline.Functions;

/// <summary>HTTP triggers for the KPI reads; each writes the shared Pipeline.Api handler's result to the response.</summary>
public sealed class KpiFunctions(KpiQueryService queries)
{
    [Function("ListKpis")]
    public async Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Kpis)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        await (await KpiEndpoints.ListAsync(tenant, request, queries, cancellationToken)).ExecuteAsync(request.HttpContext);

    [Function("GetKpis")]
    public async Task GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Kpi)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        await (await KpiEndpoints.GetAsync(tenant, month, request, queries, cancellationToken)).ExecuteAsync(request.HttpContext);

    [Function("ListKpiVersions")]
    public async Task ListVersionsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.KpiVersions)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        await (await KpiEndpoints.ListVersionsAsync(tenant, month, request, queries, cancellationToken)).ExecuteAsync(request.HttpContext);
}
