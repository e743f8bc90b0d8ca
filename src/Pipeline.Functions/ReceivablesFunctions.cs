using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Receivables;
using Pipeline.Application.Receivables;

namespace Pipeline.Functions;

/// <summary>HTTP trigger for the receivables aged at a month end; writes the shared Pipeline.Api handler's result to the response.</summary>
public sealed class ReceivablesFunctions(ApiAccess access, ReceivablesQueryService receivables)
{
    [Function("ListReceivables")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Receivables)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => ReceivablesEndpoints.ListAsync(tenant, request, receivables, cancellationToken));
}
