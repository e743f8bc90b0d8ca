using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Payments;
using Pipeline.Application.Payments;

namespace Pipeline.Functions;

/// <summary>HTTP trigger for the ledger's money movements; writes the shared Pipeline.Api handler's result to the response.</summary>
public sealed class PaymentFunctions(ApiAccess access, PaymentQueryService payments)
{
    [Function("ListPayments")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Payments)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => PaymentEndpoints.ListAsync(tenant, request, payments, cancellationToken));
}
