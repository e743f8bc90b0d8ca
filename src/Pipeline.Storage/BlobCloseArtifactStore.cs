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
/// <c>{tenant}/{yyyy-MM}/v{version}/customers.json</c> and <c>…/movements.json</c> (a close version), or
/// <c>{tenant}/{yyyy-MM}/provisional/customers.json</c> and <c>…/movements.json</c> (an open month's provisional figures).
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
/// after them, is what marks a version as complete. Provisional refreshes write only the <c>provisional</c> folder,
/// so a refresh that runs while a close is in flight can never replace the snapshot of the version being committed.
/// </para>
/// </remarks>
internal sealed class BlobCloseArtifactStore(BlobServiceClient blobs, IOptions<PipelineStorageOptions> options) : ICloseArtifactStore
{
    private const string ProvisionalFolder = "provisional";

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
        await JsonBlobs.WriteAsync(Blob(tenant, month, VersionFolder(version), "movements.json"), movements, cancellationToken);
        await JsonBlobs.WriteAsync(Blob(tenant, month, VersionFolder(version), "customers.json"), closing, cancellationToken);
    }

    public async Task WriteProvisionalAsync(
        TenantId tenant,
        BillingMonth month,
        IReadOnlyList<CustomerMonthEnd> closing,
        IReadOnlyList<CustomerMovement> movements,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closing);
        ArgumentNullException.ThrowIfNull(movements);
        await JsonBlobs.WriteAsync(Blob(tenant, month, ProvisionalFolder, "movements.json"), movements, cancellationToken);
        await JsonBlobs.WriteAsync(Blob(tenant, month, ProvisionalFolder, "customers.json"), closing, cancellationToken);
    }

    public async Task<IReadOnlyList<CustomerMonthEnd>?> ReadClosingAsync(
        TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        await JsonBlobs.ReadAsync<List<CustomerMonthEnd>>(Blob(tenant, month, VersionFolder(version), "customers.json"), cancellationToken);

    public async Task<IReadOnlyList<CustomerMovement>?> ReadMovementsAsync(
        TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        await JsonBlobs.ReadAsync<List<CustomerMovement>>(Blob(tenant, month, VersionFolder(version), "movements.json"), cancellationToken);

    public async Task<IReadOnlyList<CustomerMonthEnd>?> ReadProvisionalClosingAsync(
        TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        await JsonBlobs.ReadAsync<List<CustomerMonthEnd>>(Blob(tenant, month, ProvisionalFolder, "customers.json"), cancellationToken);

    public async Task<IReadOnlyList<CustomerMovement>?> ReadProvisionalMovementsAsync(
        TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        await JsonBlobs.ReadAsync<List<CustomerMovement>>(Blob(tenant, month, ProvisionalFolder, "movements.json"), cancellationToken);

    private static string VersionFolder(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return string.Create(CultureInfo.InvariantCulture, $"v{version}");
    }

    private BlobClient Blob(TenantId tenant, BillingMonth month, string slot, string file)
    {
        var folder = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        return _container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"{folder}/{month}/{slot}/{file}"));
    }
}
