using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Movements;
using Pipeline.Application.Kpis;
using Pipeline.Application.Movements;

namespace Pipeline.Functions;

/// <summary>HTTP trigger for the movement drill-down.</summary>
public sealed class MovementFunctions(MovementQueryService movements, KpiQueryService queries)
{
    [Function("ListMovements")]
    public async Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Movements)] HttpRequest request,
        string tenant,
        string month,
        CancellationToken cancellationToken) =>
        await (await MovementEndpoints.ListAsync(tenant, month, request, movements, queries, cancellationToken)).ExecuteAsync(request.HttpContext);
}
