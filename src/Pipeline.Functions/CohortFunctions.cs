using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Cohorts;
using Pipeline.Application;
using Pipeline.Application.Cohorts;
using Pipeline.Application.Kpis;

namespace Pipeline.Functions;

/// <summary>HTTP trigger for the cohort retention table.</summary>
public sealed class CohortFunctions(CohortQueryService cohorts, KpiQueryService queries, TenantSettings settings)
{
    [Function("ListCohorts")]
    public async Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Cohorts)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        await (await CohortEndpoints.ListAsync(tenant, request, cohorts, queries, settings, cancellationToken)).ExecuteAsync(request.HttpContext);
}
