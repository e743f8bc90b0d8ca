using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Imports;
using Pipeline.Application.Imports;

namespace Pipeline.Functions;

/// <summary>HTTP triggers for the import log.</summary>
public sealed class ImportFunctions(ApiAccess access, ImportQueryService queries)
{
    [Function("ListImports")]
    public Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Imports)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => ImportEndpoints.ListAsync(tenant, request, queries, cancellationToken));

    [Function("GetImport")]
    public Task GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Import)] HttpRequest request,
        string tenant,
        string id,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => ImportEndpoints.GetAsync(tenant, id, queries, cancellationToken));

    [Function("ListImportErrors")]
    public Task ListErrorsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ImportErrors)] HttpRequest request,
        string tenant,
        string id,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Read, () => ImportEndpoints.ListErrorsAsync(tenant, id, request, queries, cancellationToken));
}
