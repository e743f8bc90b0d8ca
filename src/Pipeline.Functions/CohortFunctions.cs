using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Cohorts;
using Pipeline.Application;
using Pipeline.Application.Cohorts;
using Pipeline.Application.Kpis;

namespace Pipeline.Functions;

/// <summary>HTTP trigger for the cohort retention table.</summary>
public sealed class CohortFunctions(ApiAccess access, CohortQueryService cohorts, KpiQueryService queries, TenantSettings settings)
{
    [Function("ListCohorts")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Cohorts)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => CohortEndpoints.ListAsync(tenant, request, cohorts, queries, settings, cancellationToken));
}
