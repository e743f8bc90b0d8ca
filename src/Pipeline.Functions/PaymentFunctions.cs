using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Payments;
using Pipeline.Application.Payments;

namespace Pipeline.Functions;

/// <summary>HTTP trigger for the ledger's money movements; writes the shared Pipeline.Api handler's result to the response.</summary>
public sealed class PaymentFunctions(PaymentQueryService payments)
{
    [Function("ListPayments")]
    public async Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Payments)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        await (await PaymentEndpoints.ListAsync(tenant, request, payments, cancellationToken)).ExecuteAsync(request.HttpContext);
}
