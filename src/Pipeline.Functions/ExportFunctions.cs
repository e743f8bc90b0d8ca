using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Access;
using Pipeline.Api.Imports;
using Pipeline.Application.Imports;

namespace Pipeline.Functions;

/// <summary>HTTP trigger for ops: upload an export into the tenant's folder, never over an existing one.</summary>
public sealed class ExportFunctions(ApiAccess access, IExportDropBox dropBox)
{
    [Function("UploadExport")]
    public Task UploadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Export)] HttpRequest request,
        string tenant,
        string fileName,
        CancellationToken cancellationToken) =>
        access.RunAsync(request, tenant, ApiPermission.Operate, () => ExportEndpoints.UploadAsync(tenant, fileName, request, dropBox, cancellationToken));
}
