using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Movements;
using Pipeline.Application.Kpis;
using Pipeline.Application.Movements;

namespace Pipeline.Functions;

/// <summary>HTTP trigger for the movement drill-down.</summary>
public sealed class MovementFunctions(ApiAccess access, MovementQueryService movements, KpiQueryService queries)
{
    [Function("ListMovements")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Movements)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => MovementEndpoints.ListAsync(tenant, month, request, movements, queries, cancellationToken));
}
