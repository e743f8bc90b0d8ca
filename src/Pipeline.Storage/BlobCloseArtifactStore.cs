using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Pipeline.Application.Ports;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage.Json;

namespace Pipeline.Storage;

/// <summary>
/// <see cref="ICloseArtifactStore"/> on the <c>closes</c> container: JSON arrays at
/// <c>{tenant}/{yyyy-MM}/v{version}/customers.json</c> and <c>…/movements.json</c>.
/// </summary>
/// <remarks>
/// <para>
/// <c>customers.json</c> holds each <see cref="CustomerMonthEnd"/> with its MRR parts (plan, product, native
/// currency as an ISO 4217 code, native and reporting MRR), cohort month (<c>yyyy-MM</c> or null) and attributes;
/// decimals keep every digit (<see cref="StorageJson"/>). Documents written before parts existed read with no parts.
/// </para>
/// <para>
/// Each close version has its own folder, so a reopen and re-close never overwrites what an earlier version
/// locked. Rewriting the same version replaces both files (a replayed close converges); the close record, written
/// after them, is what marks a version as complete.
/// </para>
/// </remarks>
internal sealed class BlobCloseArtifactStore(BlobServiceClient blobs, IOptions<PipelineStorageOptions> options) : ICloseArtifactStore
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.ClosesContainer);

    public async Task WriteAsync(
        TenantId tenant,
        BillingMonth month,
        int version,
        IReadOnlyList<CustomerMonthEnd> closing,
        IReadOnlyList<CustomerMovement> movements,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closing);
        ArgumentNullException.ThrowIfNull(movements);
        await JsonBlobs.WriteAsync(Blob(tenant, month, version, "movements.json"), movements, cancellationToken);
        await JsonBlobs.WriteAsync(Blob(tenant, month, version, "customers.json"), closing, cancellationToken);
    }

    public async Task<IReadOnlyList<CustomerMonthEnd>?> ReadClosingAsync(
        TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        await JsonBlobs.ReadAsync<List<CustomerMonthEnd>>(Blob(tenant, month, version, "customers.json"), cancellationToken);

    public async Task<IReadOnlyList<CustomerMovement>?> ReadMovementsAsync(
        TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        await JsonBlobs.ReadAsync<List<CustomerMovement>>(Blob(tenant, month, version, "movements.json"), cancellationToken);

    private BlobClient Blob(TenantId tenant, BillingMonth month, int version, string file)
    {
        var folder = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return _container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"{folder}/{month}/v{version}/{file}"));
    }
}
