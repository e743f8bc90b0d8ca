using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Clv;
using Pipeline.Application.Clv;

namespace Pipeline.Functions;

/// <summary>HTTP triggers for the model-based customer value (CLV): subscribers per group and billing period and per future month, buyers per group.</summary>
public sealed class ClvFunctions(ApiAccess access, ClvQueryService values, PurchaseQueryService purchases)
{
    [Function("ListClv")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Clv)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => ClvEndpoints.ListAsync(tenant, request, values, cancellationToken));

    [Function("ListClvForecast")]
    public Task ForecastAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ClvForecast)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => ClvEndpoints.ForecastAsync(tenant, request, values, cancellationToken));

    [Function("ListClvPurchases")]
    public Task PurchasesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ClvPurchases)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => PurchaseEndpoints.ListAsync(tenant, request, purchases, cancellationToken));
}
