using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Imports;
using Pipeline.Application.Imports;

namespace Pipeline.Functions;

/// <summary>HTTP triggers for the import log.</summary>
public sealed class ImportFunctions(ImportQueryService queries)
{
    [Function("ListImports")]
    public async Task ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Imports)] HttpRequest request,
        string tenant,
        CancellationToken cancellationToken) =>
        await (await ImportEndpoints.ListAsync(tenant, request, queries, cancellationToken)).ExecuteAsync(request.HttpContext);

    [Function("GetImport")]
    public async Task GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Import)] HttpRequest request,
        string tenant,
        string id,
        CancellationToken cancellationToken) =>
        await (await ImportEndpoints.GetAsync(tenant, id, queries, cancellationToken)).ExecuteAsync(request.HttpContext);

    [Function("ListImportErrors")]
    public async Task ListErrorsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ImportErrors)] HttpRequest request,
        string tenant,
        string id,
        CancellationToken cancellationToken) =>
        await (await ImportEndpoints.ListErrorsAsync(tenant, id, request, queries, cancellationToken)).ExecuteAsync(request.HttpContext);
}
