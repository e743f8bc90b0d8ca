using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Loyalty;
using Pipeline.Application.Loyalty;

namespace Pipeline.Functions;

/// <summary>HTTP trigger for the loyalty figures per month.</summary>
public sealed class LoyaltyFunctions(ApiAccess access, LoyaltyQueryService loyalty)
{
    [Function("ListLoyalty")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Loyalty)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => LoyaltyEndpoints.ListAsync(tenant, request, loyalty, cancellationToken));
}
