using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;
using Pipeline.Application.Imports;

namespace Pipeline.Api.Imports;

/// <summary><c>PUT /api/tenants/{tenant}/exports/{fileName}</c>: drops the request body into <c>exports/{tenant}/</c>.</summary>
/// <remarks>
/// The hand of the person dropping a file (the dashboard's upload), through the same <see cref="IExportDropBox"/> the
/// demo and the CLI use: create-only, so an original is never changed (409 when the name is taken). The file is then
/// ingested like any other drop; its import record shows how it went.
/// </remarks>
public static class ExportEndpoints
{
    public static async Task<IResult> UploadAsync(
        string tenant, string fileName, HttpRequest request, IExportDropBox dropBox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dropBox);
        if (!RouteValues.TryTenant(tenant, out var tenantId, out var problem))
        {
            return problem;
        }

        if (ExportFileName.Problem(fileName) is { } badName)
        {
            return ApiProblems.BadRequest(badName);
        }

        if (request.Headers.ContentLength == 0)
        {
            return ApiProblems.BadRequest($"'{fileName}' is empty: send the file's bytes as the request body.");
        }

        var blob = $"{tenantId}/{fileName}";
        return await dropBox.DropAsync(blob, request.Body, cancellationToken)
            ? Results.Json(new ExportUploadResponse(tenantId.ToString(), fileName, blob), ApiJson.Options, statusCode: StatusCodes.Status201Created)
            : ApiProblems.Conflict(
                $"Tenant '{tenantId}' already has an export named '{fileName}'; originals are never replaced. Upload the file under another name.");
    }
}
