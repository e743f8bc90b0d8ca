using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Customers;
using Pipeline.Application.Clv;

namespace Pipeline.Functions;

/// <summary>HTTP triggers for the customers' value cards.</summary>
public sealed class CustomerFunctions(ApiAccess access, CustomerValueQueryService values)
{
    [Function("ListCustomers")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Customers)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => CustomerEndpoints.ListAsync(tenant, request, values, cancellationToken));

    [Function("GetCustomer")]
    public Task GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Customer)] HttpRequest request,
        string tenant,
        string id,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => CustomerEndpoints.GetAsync(tenant, id, request, values, cancellationToken));
}
