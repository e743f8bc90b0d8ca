using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Kpis;
using Pipeline.Application.Kpis;

namespace Pipeline.Functions;

/// <summary>HTTP triggers for the KPI reads; each writes the shared Pipeline.Api handler's result to the response.</summary>
public sealed class KpiFunctions(ApiAccess access, KpiQueryService queries, ValueSegmentKpiService valueSegments)
{
    [Function("ListKpis")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Kpis)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => KpiEndpoints.ListAsync(tenant, request, queries, valueSegments, cancellationToken));

    [Function("GetKpis")]
    public Task GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Kpi)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => KpiEndpoints.GetAsync(tenant, month, request, queries, cancellationToken));

    [Function("ListKpiVersions")]
    public Task ListVersionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.KpiVersions)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => KpiEndpoints.ListVersionsAsync(tenant, month, request, queries, cancellationToken));
}
