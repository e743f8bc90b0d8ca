using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Storage.Json;

namespace Pipeline.Storage;

/// <summary><see cref="IImportReportStore"/> on the <c>reports</c> container: JSON at <c>{tenant}/{importId}.json</c>.</summary>
internal sealed class BlobImportReportStore(BlobServiceClient blobs, IOptions<PipelineStorageOptions> options) : IImportReportStore
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.ReportsContainer);

    public Task WriteAsync(ImportReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonBlobs.WriteAsync(Blob(report.Tenant, report.ImportId), report, cancellationToken);
    }

    public Task<ImportReport?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken) =>
        JsonBlobs.ReadAsync<ImportReport>(Blob(tenant, importId), cancellationToken);

    private BlobClient Blob(TenantId tenant, string importId)
    {
        var folder = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        var name = TableStorageLimits.ValidateKey(importId, nameof(importId));
        return _container.GetBlobClient($"{folder}/{name}.json");
    }
}
